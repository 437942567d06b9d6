import { assertEquals, assertThrows } from "../_assert.ts";
import { defaultLabelSet, labelSetOf, parseLabelSet } from "../../lib/corpora/mod.ts";

Deno.test("--labels: subsets, merges and renames in first-seen order; bad sets named", () => {
  const s = parseLabelSet(["neutral", "calm=neutral", "happy", "sad", "angry"]);
  assertEquals(s.labels, ["neutral", "happy", "sad", "angry"]);
  assertEquals(s.map, {
    neutral: "neutral",
    calm: "neutral",
    happy: "happy",
    sad: "sad",
    angry: "angry",
  });
  assertEquals(parseLabelSet(["angry=negative", "sad=negative", "happy"]).labels, [
    "negative",
    "happy",
  ]);
  // other words are a corpus's own classes; synonyms name the study's emotions
  assertEquals(parseLabelSet(["Anger", "boredom", "joy=positive"]).map, {
    angry: "angry",
    boredom: "boredom",
    happy: "positive",
  });
  assertThrows(() => parseLabelSet(["angry", "9lives"]), Error, '"9lives"');
  assertThrows(() => parseLabelSet(["angry", "angry=sad"]), Error, "twice");
  assertThrows(() => parseLabelSet(["angry"]), Error, "two classes");
  assertThrows(() => parseLabelSet(["angry", "sad=Bad Name"]), Error, "class name");
  assertEquals(labelSetOf(["sad", "angry"]).map, { sad: "sad", angry: "angry" });
});

Deno.test("a model's default classes: the Superset's six on its corpora, else the emotions all corpora share", () => {
  const clip = (corpus: string, emotion: string) => ({ corpus, emotion });
  const ravdess = ["neutral", "calm", "happy", "sad", "angry", "fear", "disgust", "surprise"];
  assertEquals(
    defaultLabelSet(ravdess.map((e) => clip("ravdess", e))).labels,
    ["neutral", "happy", "sad", "angry", "fear", "disgust"],
  );
  const emodb = ["angry", "boredom", "disgust", "fear", "happy", "sad", "neutral"];
  assertEquals(
    defaultLabelSet(emodb.map((e) => clip("emodb", e))).labels,
    ["neutral", "happy", "sad", "angry", "fear", "disgust", "boredom"],
  );
  assertEquals(
    defaultLabelSet([
      ...ravdess.map((e) => clip("ravdess", e)),
      ...emodb.map((e) => clip("emodb", e)),
    ])
      .labels,
    ["neutral", "happy", "sad", "angry", "fear", "disgust"],
  );
  // corpora that share fewer than two emotions: all of them
  assertEquals(
    defaultLabelSet([clip("a", "positive"), clip("b", "negative"), clip("b", "positive")]).labels,
    ["negative", "positive"],
  );
});
