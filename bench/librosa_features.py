"""librosa's time for SER-FusionNet's features, to hold beside serlab's (`deno task bench`).

For each WAV under SAMPLE_DIR: librosa.load(path, sr=22050, offset=0.6, duration=2.5) (not
timed), then the 162 acoustic features (frame means of ZCR, chroma_stft on |STFT|, MFCC 20, RMS,
mel) and the 8 statistical ones (mean, variance, skewness, kurtosis, RMS, centroid, bandwidth,
MFCC-13 means), timed. Prints one JSON line: {"librosa": version, "clips": n, "ms_per_clip": median}.

usage: python3 bench/librosa_features.py SAMPLE_DIR
"""
import json, os, sys, time
import numpy as np, scipy.stats, librosa

def features(y, sr=22050):
    s = np.abs(librosa.stft(y))
    acoustic = np.hstack([
        np.mean(librosa.feature.zero_crossing_rate(y=y).T, axis=0),
        np.mean(librosa.feature.chroma_stft(S=s, sr=sr).T, axis=0),
        np.mean(librosa.feature.mfcc(y=y, sr=sr).T, axis=0),
        np.mean(librosa.feature.rms(y=y).T, axis=0),
        np.mean(librosa.feature.melspectrogram(y=y, sr=sr).T, axis=0),
    ])
    statistical = np.array([
        np.mean(y), np.var(y), scipy.stats.skew(y), scipy.stats.kurtosis(y),
        np.mean(librosa.feature.rms(y=y)), np.mean(librosa.feature.spectral_centroid(y=y, sr=sr)),
        np.mean(librosa.feature.spectral_bandwidth(y=y, sr=sr)), np.mean(librosa.feature.mfcc(y=y, sr=sr, n_mfcc=13)),
    ])
    return acoustic, statistical

paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs if f.endswith(".wav"))
clips = []
for p in paths:
    try:
        clips.append(librosa.load(p, sr=22050, offset=0.6, duration=2.5, res_type="kaiser_best")[0])
    except Exception:
        pass
features(clips[0])  # warm-up (numba compilation)
times = []
for y in clips:
    t = time.perf_counter()
    features(y)
    times.append(1000 * (time.perf_counter() - t))
print(json.dumps({"librosa": librosa.__version__, "clips": len(times), "ms_per_clip": round(float(np.median(times)), 2)}))
