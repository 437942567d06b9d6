/// <reference lib="dom" />
/**
 * The live page: loads the model with TensorFlow.js, captures the microphone through an
 * AudioWorklet, cuts 2.5 s windows every hop, and runs serlab's own feature and prediction code
 * (`lib/`) on each, drawing the probabilities over time. The speaker is enrolled as the session
 * goes (the speech heard so far gives the standardisation statistics, used from
 * `MIN_ENROLMENT_SECONDS` on; `?enrol=0` turns it off). A recording chosen or dropped on the
 * page is predicted whole as `deno task predict FILE` does (the model's cut of it, the global
 * statistics), then window by window over time as from the microphone, its speaker enrolled as
 * it goes. `?autostart` starts without a click, `?report` posts every result to the server (the
 * end-to-end tests read them).
 *
 * @module
 */
import { decodeAudio } from "../lib/audio/decode.ts";
import { loadClip } from "../lib/audio/load.ts";
import { readMono } from "../lib/audio/pcm.ts";
import { resample } from "../lib/audio/resample.ts";
import { MIN_ENROLMENT_SECONDS, SpeakerStatistics } from "../lib/model/enrolment.ts";
import { loadDeployableFromUrl } from "../lib/realtime/browser_model.ts";
import { predictFeatures, predictSignal } from "../lib/realtime/predict.ts";
import { speechSeconds } from "../lib/audio/segments.ts";
import { levelDb, type Window, Windower } from "../lib/realtime/windows.ts";

declare const Plotly: {
  newPlot(id: string, data: unknown[], layout: unknown, config?: unknown): void;
  react(id: string, data: unknown[], layout: unknown): void;
};

const params = new URLSearchParams(location.search);
const HOP = Number(params.get("hop") ?? 0.5);
const SILENCE_DB = Number(params.get("silence") ?? -50);
const status = document.getElementById("status")!;
const button = document.getElementById("start") as HTMLButtonElement;
document.getElementById("hop")!.textContent = String(HOP);

const { model, trainedOnClips } = await loadDeployableFromUrl("/model");
const labels = [...model.labels];
const newSpeaker = () =>
  model.speakerNormalized && params.get("enrol") !== "0" ? SpeakerStatistics.of(model) : null;
let speaker = newSpeaker();
const enrolment = document.getElementById("enrolment")!;
let switchedAt: number | null = null;
status.textContent = `model ready: ${
  labels.join(", ")
} (${model.family}, trained on ${trainedOnClips} clips)`;
const times: number[] = [];
const series: number[][] = labels.map(() => []);
Plotly.newPlot("bars", [{ type: "bar", x: labels, y: labels.map(() => 0) }], {
  yaxis: { range: [0, 1] },
  title: { text: "now" },
});
Plotly.newPlot("timeline", [], {
  title: { text: "over time" },
  xaxis: { title: { text: "seconds" } },
  yaxis: { range: [0, 1] },
});

async function start(): Promise<void> {
  button.disabled = true;
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: {
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
      channelCount: 1,
    },
  });
  const context = new AudioContext();
  await context.audioWorklet.addModule("/capture_worklet.js");
  const source = context.createMediaStreamSource(stream);
  const capture = new AudioWorkletNode(context, "serlab-capture");
  const mute = context.createGain();
  mute.gain.value = 0;
  source.connect(capture).connect(mute).connect(context.destination);
  const windower = new Windower(context.sampleRate, 2.5, HOP);
  let queue: Window[] = [], busy = false;
  status.textContent = `listening at ${context.sampleRate} Hz`;
  capture.port.onmessage = (e: MessageEvent<Float32Array>) => {
    queue.push(...windower.push(e.data));
    if (queue.length > 2) queue = queue.slice(-2); // keep up with real time: skip windows, never lag
    if (!busy) void drain(context.sampleRate);
  };
  async function drain(rate: number): Promise<void> {
    busy = true;
    while (queue.length) {
      const w = queue.shift()!;
      await show(w, rate);
    }
    busy = false;
  }
}

/**
 * A chosen or dropped recording: predicted whole as `deno task predict FILE` does, then its
 * windows over time (a new session: the plots and the enrolment start afresh).
 */
async function analyseFile(file: File): Promise<void> {
  const shown = document.getElementById("file-result")!;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const p = await predictSignal(model, loadClip(bytes, file.name, model.load));
    shown.textContent = `${file.name}: ${p.emotion} (${
      labels.map((l) => `${l} ${p.probabilities[l].toFixed(2)}`).join(", ")
    })`;
    await report({ file: file.name, whole: true, ...p });
    const pcm = decodeAudio(bytes, file.name);
    speaker = newSpeaker();
    switchedAt = null;
    times.length = 0;
    for (const s of series) s.length = 0;
    const windows = new Windower(pcm.sampleRate, 2.5, HOP).push(readMono(pcm));
    for (const w of windows) await show(w, pcm.sampleRate, file.name);
    if (!windows.length) shown.textContent += " (shorter than one 2.5 s window: no timeline)";
  } catch (e) {
    shown.textContent = e instanceof Error ? e.message : String(e);
    await report({ file: file.name, error: shown.textContent });
  }
}

async function report(result: Record<string, unknown>): Promise<void> {
  if (params.has("report")) {
    await fetch("/report", { method: "POST", body: JSON.stringify(result) });
  }
}

async function show(w: Window, rate: number, file?: string): Promise<void> {
  const sp = speaker; // this window's session (a file starts a new one)
  const level = levelDb(w.samples);
  const base = { start: w.start, end: w.end, levelDb: level, ...(file ? { file } : {}) };
  let result;
  if (!(level >= SILENCE_DB)) {
    result = { ...base, silent: true };
    document.getElementById("emotion")!.textContent = "(silence)";
  } else {
    const y = resample(w.samples, rate, model.load.sampleRate);
    const raw = model.features(y);
    if (sp) {
      const fresh = w.start === 0 ? w.samples : w.samples.subarray(w.samples.length - HOP * rate);
      const speech = speechSeconds(fresh, rate, SILENCE_DB);
      if (speech > 0) sp.add(raw, speech);
    }
    const useSpeaker = sp && sp.seconds >= MIN_ENROLMENT_SECONDS && sp.rows > 1;
    if (useSpeaker && switchedAt === null) switchedAt = w.end;
    if (sp) {
      enrolment.textContent = `${sp.seconds.toFixed(1)} s of your speech so far; ` +
        (useSpeaker
          ? `predictions use your own statistics since ${switchedAt!.toFixed(1)} s`
          : `predictions use the global statistics until ${MIN_ENROLMENT_SECONDS} s`);
    }
    const p = await predictFeatures(model, raw, useSpeaker ? { speaker: sp.scaler() } : {});
    result = { ...base, silent: false, ...p, enrolledSeconds: sp?.seconds ?? 0 };
    document.getElementById("emotion")!.textContent = p.emotion;
    times.push(w.end);
    labels.forEach((l, i) => series[i].push(p.probabilities[l]));
    Plotly.react("bars", [{ type: "bar", x: labels, y: labels.map((l) => p.probabilities[l]) }], {
      yaxis: { range: [0, 1] },
      title: { text: `${w.start.toFixed(1)}–${w.end.toFixed(1)} s` },
    });
    Plotly.react(
      "timeline",
      labels.map((l, i) => ({ type: "scatter", mode: "lines", name: l, x: times, y: series[i] })),
      {
        title: { text: "over time" },
        xaxis: { title: { text: "seconds" } },
        yaxis: { range: [0, 1] },
      },
    );
  }
  await report({ ...result, sampleRate: rate });
}

const chooser = document.getElementById("file") as HTMLInputElement;
chooser.onchange = () => {
  if (chooser.files?.[0]) void analyseFile(chooser.files[0]);
};
document.body.addEventListener("dragover", (e) => e.preventDefault());
document.body.addEventListener("drop", (e) => {
  e.preventDefault();
  const file = e.dataTransfer?.files[0];
  if (file) void analyseFile(file);
});
button.onclick = () => start().catch((e) => (status.textContent = `microphone: ${e.message}`));
if (params.has("autostart")) button.click();
