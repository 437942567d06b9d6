"""librosa 0.10.1's algorithms for serlab's descriptors, transcribed to numpy/scipy (`deno task bench`).

A stand-in for `bench/librosa_lld.py` where librosa cannot be installed: the same work, written
from librosa 0.10.1's source — STFT, Slaney mel, power_to_db, DCT-II MFCC, savgol deltas, spectral
contrast/flatness/roll-off/centroid/bandwidth, onset strength, ZCR, RMS, yin, and pyin with its
per-frame trough probabilities (scipy.stats.boltzmann, beta) and its dense Viterbi over
2 x n_pitch_bins states (librosa runs that loop under numba; here each frame is one vectorised
numpy max over the 964 x 964 log-transition matrix) — then the large set's 15 functionals of every
descriptor row and of its delta. Not librosa: numba-compiled pieces (stencils, the Viterbi loop)
may run faster or slower in librosa itself. `--check DIR` compares pyin's voicing on DIR's
22,050 Hz fixtures with `librosa-0.10.1-lld.json` instead of timing.

Times from the loaded 2.5 s clip (loading is not timed; clips are resampled to 22,050 Hz with
scipy's resample_poly). Prints one JSON line: {"reference", "clips", "ms_per_clip"}.

usage: /usr/bin/python3 bench/numpy_lld.py SAMPLE_DIR [MAX_CLIPS]
       /usr/bin/python3 bench/numpy_lld.py --check REFERENCE_DIR
"""
import json, os, sys, time, warnings
from fractions import Fraction
import numpy as np, scipy.fftpack, scipy.io.wavfile, scipy.signal, scipy.stats

SR, N_FFT, HOP = 22050, 2048, 512
TINY = np.finfo(np.float64).tiny


def frame(y, length, hop):
    n = 1 + (len(y) - length) // hop
    return np.lib.stride_tricks.as_strided(y, (length, n), (y.strides[0], hop * y.strides[0]))


def stft_mag(y):
    yp = np.pad(y, N_FFT // 2)
    win = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)).astype(np.float32)
    return np.abs(np.fft.rfft(frame(yp, N_FFT, HOP) * win[:, None], axis=0)).astype(np.float32)


def hz_to_mel(f):
    f = np.asanyarray(f, dtype=float)
    mels = f / (200.0 / 3)
    log_t = f >= 1000.0
    mels[log_t] = 15.0 + np.log(f[log_t] / 1000.0) / (np.log(6.4) / 27.0)
    return mels


def mel_to_hz(m):
    m = np.asanyarray(m, dtype=float)
    f = (200.0 / 3) * m
    log_t = m >= 15.0
    f[log_t] = 1000.0 * np.exp((np.log(6.4) / 27.0) * (m[log_t] - 15.0))
    return f


_BANKS = {}


def mel_bank(n_mels):
    if n_mels not in _BANKS:
        fftfreqs = np.linspace(0, SR / 2, 1 + N_FFT // 2)
        mel_f = mel_to_hz(np.linspace(hz_to_mel(np.array([0.0]))[0], hz_to_mel(np.array([SR / 2]))[0], n_mels + 2))
        fdiff, ramps = np.diff(mel_f), np.subtract.outer(mel_f, fftfreqs)
        w = np.zeros((n_mels, 1 + N_FFT // 2), dtype=np.float32)
        for i in range(n_mels):
            w[i] = np.maximum(0, np.minimum(-ramps[i] / fdiff[i], ramps[i + 2] / fdiff[i + 1]))
        w *= (2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels]))[:, None]
        _BANKS[n_mels] = w
    return _BANKS[n_mels]


def power_to_db(s):
    d = 10.0 * np.log10(np.maximum(1e-10, s))
    return np.maximum(d, d.max() - 80.0)


def delta(x, order=1):
    return scipy.signal.savgol_filter(x, 9, deriv=order, polyorder=order, axis=-1, mode="interp")


def contrast(s):
    freq = np.linspace(0, SR / 2, 1 + N_FFT // 2)
    octa = np.zeros(8)
    octa[1:] = 200.0 * (2.0 ** np.arange(0, 7))
    valley, peak = np.zeros((7, s.shape[1])), np.zeros((7, s.shape[1]))
    for k, (lo, hi) in enumerate(zip(octa[:-1], octa[1:])):
        band = np.logical_and(freq >= lo, freq <= hi)
        idx = np.flatnonzero(band)
        if k > 0:
            band[idx[0] - 1] = True
        if k == 6:
            band[idx[-1] + 1:] = True
        sub = s[band, :]
        if k < 6:
            sub = sub[:-1, :]
        n = int(np.maximum(np.rint(0.02 * np.sum(band)), 1))
        srt = np.sort(sub, axis=0)
        valley[k], peak[k] = np.mean(srt[:n], axis=0), np.mean(srt[-n:], axis=0)
    return power_to_db(peak) - power_to_db(valley)


def cmndf(y, fmin=65.0, fmax=1047.0):
    w = N_FFT // 2
    yf = frame(np.pad(y, N_FFT // 2), N_FFT, HOP)
    min_p, max_p = int(np.floor(SR / fmax)), min(int(np.ceil(SR / fmin)), N_FFT - w - 1)
    a = np.fft.rfft(yf, N_FFT, axis=0)
    b = np.fft.rfft(yf[w:0:-1, :], N_FFT, axis=0)
    acf = np.fft.irfft(a * b, N_FFT, axis=0)[w:, :]
    acf[np.abs(acf) < 1e-6] = 0
    e = np.cumsum(yf ** 2, axis=0)
    e = e[w:, :] - e[:-w, :]
    e[np.abs(e) < 1e-6] = 0
    d = e[:1, :] + e - 2 * acf
    cm = np.cumsum(d[1:max_p + 1, :], axis=0) / np.arange(1, max_p + 1)[:, None]
    out = d[min_p:max_p + 1, :] / (cm[min_p - 1:max_p, :] + TINY)
    a_, b_ = out[2:] + out[:-2] - 2 * out[1:-1], (out[2:] - out[:-2]) / 2
    shifts = np.zeros_like(out)
    with np.errstate(divide="ignore", invalid="ignore"):
        shifts[1:-1] = np.where(np.abs(b_) >= np.abs(a_), 0, -b_ / a_)
    return out, shifts, min_p


def troughs(x):
    t = np.zeros(len(x), bool)
    t[1:-1] = (x[1:-1] < x[:-2]) & (x[1:-1] <= x[2:])
    t[-1], t[0] = x[-1] < x[-2], x[0] < x[1]
    return t


def yin(frames, shifts, min_p):
    f0 = np.empty(frames.shape[1])
    for i in range(frames.shape[1]):
        x = frames[:, i]
        cand = np.flatnonzero(troughs(x) & (x < 0.1))
        p = cand[0] if len(cand) else np.argmin(x)
        f0[i] = SR / (min_p + p + shifts[p, i])
    return f0


_TRANS = {}


def pyin(frames, shifts, min_p, fmin=65.0, fmax=1047.0):
    thresholds = np.linspace(0, 1, 101)
    beta = np.diff(scipy.stats.beta.cdf(thresholds, 2, 18))
    n_bins = int(np.floor(120 * np.log2(fmax / fmin))) + 1
    n_frames = frames.shape[1]
    probs_all = np.zeros_like(frames)
    for i in range(n_frames):
        x = frames[:, i]
        (idx,) = np.nonzero(troughs(x))
        if len(idx) == 0:
            continue
        h = x[idx]
        below = np.less.outer(h, thresholds[1:])
        pos = np.cumsum(below, axis=0) - 1
        prior = scipy.stats.boltzmann.pmf(pos, 2, np.count_nonzero(below, axis=0))
        prior[~below] = 0
        p = prior.dot(beta)
        gm = np.argmin(h)
        p[gm] += 0.01 * np.sum(beta[:np.count_nonzero(~below[gm, :])])
        probs_all[idx, i] = p
    period, fi = np.nonzero(probs_all)
    f0c = SR / (min_p + period + shifts[period, fi])
    bins = np.clip(np.round(120 * np.log2(f0c / fmin)), 0, n_bins).astype(int)
    obs = np.zeros((2 * n_bins, n_frames))
    obs[bins, fi] = probs_all[period, fi]
    vp = np.clip(np.sum(obs[:n_bins], axis=0, keepdims=True), 0, 1)
    obs[n_bins:] = (1 - vp) / n_bins
    if n_bins not in _TRANS:
        width = round(35.92 * 12 * HOP / SR) * 10 + 1
        t = np.zeros((n_bins, n_bins))
        win = scipy.signal.get_window("triangle", width, fftbins=False)
        for i in range(n_bins):
            row = np.zeros(n_bins)
            lp = (n_bins - width) // 2
            row[lp:lp + width] = win
            row = np.roll(row, n_bins // 2 + i + 1)
            row[min(n_bins, i + width // 2 + 1):] = 0
            row[:max(0, i - width // 2)] = 0
            t[i] = row
        t /= t.sum(axis=1, keepdims=True)
        _TRANS[n_bins] = np.log(np.kron(np.array([[0.99, 0.01], [0.01, 0.99]]), t) + TINY).T.copy()
    log_trans_t = _TRANS[n_bins]
    log_obs = np.log(obs + TINY)
    p_init = np.zeros(2 * n_bins)
    p_init[n_bins:] = 1 / n_bins
    value = log_obs[:, 0] + np.log(p_init + TINY)
    ptr = np.zeros((n_frames, 2 * n_bins), dtype=np.uint16)
    for t_ in range(1, n_frames):
        trans_out = value[None, :] + log_trans_t  # [j, k]
        ptr[t_] = np.argmax(trans_out, axis=1)
        value = log_obs[:, t_] + trans_out[np.arange(2 * n_bins), ptr[t_]]
    states = np.zeros(n_frames, dtype=int)
    states[-1] = np.argmax(value)
    for t_ in range(n_frames - 2, -1, -1):
        states[t_] = ptr[t_ + 1, states[t_ + 1]]
    flag = states < n_bins
    f0 = fmin * 2 ** ((states % n_bins) / 120.0)
    f0[~flag] = np.nan
    return f0, flag, vp[0]


def descriptors(y):
    s = stft_mag(y)
    p = s ** 2
    mel128 = mel_bank(128) @ p
    mfcc = scipy.fftpack.dct(power_to_db(mel128), axis=0, type=2, norm="ortho")[:20]
    freq = np.linspace(0, SR / 2, 1 + N_FFT // 2)[:, None]
    sn = s / np.maximum(s.sum(axis=0, keepdims=True), np.finfo(np.float32).tiny)
    centroid = np.sum(freq * sn, axis=0, keepdims=True)
    bandwidth = np.sqrt(np.sum(sn * (freq - centroid) ** 2, axis=0, keepdims=True))
    total = np.cumsum(s, axis=0)
    rolloff = np.nanmin(np.where(total < 0.85 * total[-1], np.nan, 1) * freq, axis=0, keepdims=True)
    sp = np.maximum(1e-10, p)
    flatness = np.exp(np.mean(np.log(sp), axis=0, keepdims=True)) / np.mean(sp, axis=0, keepdims=True)
    db = power_to_db(mel128)
    onset = np.pad(np.mean(np.maximum(0, db[:, 1:] - db[:, :-1]), axis=0), (3, 0))[None, :s.shape[1]]
    ye = np.pad(y, N_FFT // 2, mode="edge")
    fr = frame(ye, N_FFT, HOP)
    sgn = np.signbit(np.where(np.abs(fr) <= 1e-10, 0, fr))
    zcr = np.mean(sgn[1:] != sgn[:-1], axis=0, keepdims=True)
    rms = np.sqrt(np.mean(frame(np.pad(y, N_FFT // 2), N_FFT, HOP) ** 2, axis=0, keepdims=True))
    frames, shifts, min_p = cmndf(y)
    f0_yin = yin(frames, shifts, min_p)
    f0, flag, vp = pyin(frames, shifts, min_p)
    rows = np.vstack([
        power_to_db(mel_bank(64) @ p), mfcc, contrast(s), flatness, rolloff, centroid, bandwidth,
        onset, zcr, rms, vp[None], 12 * np.log2(f0 / 27.5)[None], f0_yin[None],
    ])
    return rows, mfcc, flag


def functionals(x, frame_s):
    x = x[np.isfinite(x)]
    if x.size == 0:
        return np.zeros(15)
    t = np.arange(x.size) * frame_s
    p = np.percentile(x, [1, 20, 50, 80, 99])
    slope, icpt = np.polyfit(t, x, 1) if x.size > 1 else (0.0, x[0])
    err = np.sqrt(np.mean((x - (slope * t + icpt)) ** 2))
    return np.concatenate([[x.mean(), x.std()], p, [p[4] - p[0], p[3] - p[1], x.min(), x.max(), slope, err,
                                                    scipy.stats.skew(x), scipy.stats.kurtosis(x)]])


def large_set(y):
    rows, mfcc, _ = descriptors(y)
    with np.errstate(all="ignore"):
        allrows = np.vstack([rows, delta(rows[:-2]), delta(mfcc, 2)])
        return np.concatenate([functionals(r, HOP / SR) for r in allrows])


def load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", scipy.io.wavfile.WavFileWarning)
        sr, x = scipy.io.wavfile.read(path)
    x = x.astype(np.float32) / (np.iinfo(x.dtype).max + 1 if x.dtype.kind == "i" else 1)
    if x.ndim > 1:
        x = x.mean(axis=1)
    x = x[int(0.6 * sr):int(0.6 * sr) + int(round(2.5 * sr))]
    if sr != SR:
        r = Fraction(SR, sr)
        x = scipy.signal.resample_poly(x, r.numerator, r.denominator).astype(np.float32)
    return x


if sys.argv[1] == "--check":
    ref = json.load(open(os.path.join(sys.argv[2], "..", "librosa-0.10.1-lld.json")))["files"]
    for name, r in sorted(ref.items()):
        if "error" in r or ".22050." not in name:
            continue
        _, _, flag = descriptors(load(os.path.join(sys.argv[2], name)))
        agree = np.mean(flag == np.array(r["pyin_voiced_flag"], bool))
        print(f"{name}: pyin voicing agrees with librosa on {100 * agree:.1f}% of frames")
    sys.exit(0)

paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs if f.endswith(".wav"))
paths = paths[:int(sys.argv[2])] if len(sys.argv) > 2 else paths
clips = []
for p in paths:
    try:
        clips.append(load(p))
    except Exception:
        pass
large_set(clips[0])
times = []
for y in clips:
    t = time.perf_counter()
    try:
        large_set(y)
    except ValueError:  # shorter than the deltas' 9 frames
        continue
    times.append(1000 * (time.perf_counter() - t))
print(json.dumps({"reference": "librosa 0.10.1 transcribed to numpy/scipy (bench/numpy_lld.py)",
                  "numpy": np.__version__, "scipy": scipy.__version__, "clips": len(times),
                  "ms_per_clip": round(float(np.median(times)), 2)}))
