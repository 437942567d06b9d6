"""librosa's time for serlab's low-level descriptors and their functionals (`deno task bench`).

For each WAV under SAMPLE_DIR: librosa.load(path, sr=22050, offset=0.6, duration=2.5) (not timed),
then, timed: yin and pyin (65-1047 Hz), spectral contrast on |STFT|, flatness, roll-off, onset
strength, MFCC 20 with delta and delta-delta, 64-band log-mel, centroid, bandwidth, ZCR, RMS (the
descriptors of `librosa-0.10.1-lld.json`, at its settings) and, with numpy/scipy, the large set's
15 functionals (mean, std, percentiles 1/20/50/80/99, two ranges, min, max, regression slope and
error, skewness, kurtosis) of every descriptor row and of its delta. serlab's voice-quality
descriptors (jitter, shimmer, HNR, loudness) are not in librosa and are not computed here, so
librosa does slightly less work than serlab's `large_set_ms_per_clip`. Prints one JSON line:
{"librosa": version, "clips": n, "ms_per_clip": median}.

usage: /usr/bin/python3 bench/librosa_lld.py SAMPLE_DIR
"""
import json, os, sys, time
import numpy as np, scipy.stats, librosa

PCT = [1, 20, 50, 80, 99]


def functionals(x, frame_s):
    x = x[np.isfinite(x)]
    if x.size == 0:
        return np.zeros(15)
    t = np.arange(x.size) * frame_s
    p = np.percentile(x, PCT)
    slope, icpt = np.polyfit(t, x, 1) if x.size > 1 else (0.0, x[0])
    err = np.sqrt(np.mean((x - (slope * t + icpt)) ** 2))
    return np.concatenate([[x.mean(), x.std()], p, [p[4] - p[0], p[3] - p[1], x.min(), x.max(), slope, err,
                                                    scipy.stats.skew(x), scipy.stats.kurtosis(x)]])


def large_set(y, sr=22050):
    s = np.abs(librosa.stft(y))
    f0_yin = librosa.yin(y, fmin=65.0, fmax=1047.0, sr=sr)
    f0, flag, prob = librosa.pyin(y, fmin=65.0, fmax=1047.0, sr=sr)
    mfcc = librosa.feature.mfcc(y=y, sr=sr)
    rows = np.vstack([
        librosa.power_to_db(librosa.feature.melspectrogram(y=y, sr=sr, n_mels=64), ref=1.0),
        mfcc,
        librosa.feature.spectral_contrast(S=s, sr=sr),
        librosa.feature.spectral_flatness(y=y),
        librosa.feature.spectral_rolloff(y=y, sr=sr),
        librosa.feature.spectral_centroid(y=y, sr=sr),
        librosa.feature.spectral_bandwidth(y=y, sr=sr),
        librosa.onset.onset_strength(y=y, sr=sr)[np.newaxis],
        librosa.feature.zero_crossing_rate(y),
        librosa.feature.rms(y=y),
        prob[np.newaxis],
        12 * np.log2(f0 / 27.5)[np.newaxis],
        f0_yin[np.newaxis],
    ])
    deltas = librosa.feature.delta(rows[:-2])
    dd = librosa.feature.delta(mfcc, order=2)
    frame_s = 512 / sr
    return np.concatenate([functionals(r, frame_s) for r in np.vstack([rows, deltas, dd])])


paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs if f.endswith(".wav"))
clips = []
for p in paths:
    try:
        clips.append(librosa.load(p, sr=22050, offset=0.6, duration=2.5, res_type="kaiser_best")[0])
    except Exception:
        pass
large_set(clips[0])  # warm-up (numba compilation)
times = []
for y in clips:
    t = time.perf_counter()
    try:
        large_set(y)
    except librosa.util.exceptions.ParameterError:  # too short for the deltas: skipped, as serlab does
        continue
    times.append(1000 * (time.perf_counter() - t))
print(json.dumps({"librosa": librosa.__version__, "clips": len(times), "ms_per_clip": round(float(np.median(times)), 2)}))
