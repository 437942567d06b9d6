import { assertEquals } from "../_assert.ts";
import {
  globalActorId,
  labelCremad,
  labelRavdess,
  labelSavee,
  labelTess,
  parseCremadDemographics,
} from "../../lib/corpora/mod.ts";

Deno.test("RAVDESS names give emotion, intensity, statement, actor and gender", () => {
  assertEquals(labelRavdess("x/Actor_07/03-01-08-02-01-02-07.wav"), {
    corpus: "ravdess",
    speaker: "07",
    actor: 7,
    gender: "male",
    emotion: "surprise",
    intensity: "strong",
    sentence: "Kids are talking by the door",
  });
  assertEquals(labelRavdess("Actor_24/03-01-02-01-02-01-24.wav")?.valueOf(), {
    corpus: "ravdess",
    speaker: "24",
    actor: 24,
    gender: "female",
    emotion: "calm",
    intensity: "normal",
    sentence: "Dogs are sitting by the door",
  });
  assertEquals(
    labelRavdess("03-02-01-01-01-01-01.wav"),
    "RAVDESS vocal channel 02 is song, not speech",
  );
  assertEquals(labelRavdess("03-01-09-01-01-01-01.wav"), "RAVDESS name with codes out of range");
  assertEquals(labelRavdess("1001_DFA_ANG_XX.wav"), undefined);
});

Deno.test("CREMA-D genders come from the demographics CSV, else the built-in table", () => {
  const csv =
    '"ActorID","Age","Sex","Race","Ethnicity"\n1001,51,"Female","Caucasian","Not Hispanic"\n';
  assertEquals(labelCremad("AudioWAV/1001_DFA_ANG_XX.wav")?.valueOf(), {
    corpus: "cremad",
    speaker: "1001",
    actor: 25,
    gender: "male",
    emotion: "angry",
    intensity: "unspecified",
    sentence: "Don't forget a jacket",
  });
  const fromCsv = labelCremad("1001_IEO_HAP_HI.wav", parseCremadDemographics(csv));
  assertEquals(typeof fromCsv === "object" && [fromCsv.gender, fromCsv.intensity], [
    "female",
    "high",
  ]);
  const table = [1002, 1091].map((a) =>
    (labelCremad(`${a}_IEO_SAD_LO.wav`) as { gender: string }).gender
  );
  assertEquals(table, ["female", "female"]);
  assertEquals(labelCremad("1092_IEO_SAD_LO.wav"), "CREMA-D actor 1092 is not one of 1001-1091");
});

Deno.test("TESS names: two female speakers, ps is surprise, OA_ is OAF", () => {
  const l = labelTess(
    "TESS Toronto emotional speech set data/OAF_Pleasant_surprise/OAF_back_ps.wav",
  );
  assertEquals(typeof l === "object" && [l.speaker, l.actor, l.gender, l.emotion, l.sentence], [
    "OAF",
    116,
    "female",
    "surprise",
    "back",
  ]);
  const oa = labelTess("OAF_neutral/OA_bite_neutral.wav");
  assertEquals(typeof oa === "object" && [oa.speaker, oa.emotion, oa.sentence], [
    "OAF",
    "neutral",
    "bite",
  ]);
  const yaf = labelTess("YAF_fear/YAF_neat_fear.wav");
  assertEquals(typeof yaf === "object" && [yaf.speaker, yaf.actor], ["YAF", 117]);
});

Deno.test("SAVEE names, flat and nested, are four male speakers", () => {
  const flat = labelSavee("ALL/DC_sa02.wav");
  const nested = labelSavee("AudioData/KL/su15.wav");
  assertEquals([flat?.speaker, flat?.emotion, flat?.actor, flat?.gender], [
    "DC",
    "sad",
    118,
    "male",
  ]);
  assertEquals([nested?.speaker, nested?.emotion, nested?.actor], ["KL", "surprise", 121]);
  assertEquals(labelSavee("AudioData/XX/a01.wav"), undefined);
});

Deno.test("global actor ids cover 1..121 without overlap", () => {
  const ids = [
    ...Array.from(
      { length: 24 },
      (_, i) => globalActorId("ravdess", String(i + 1).padStart(2, "0")),
    ),
    ...Array.from({ length: 91 }, (_, i) => globalActorId("cremad", String(1001 + i))),
    globalActorId("tess", "OAF"),
    globalActorId("tess", "YAF"),
    ...["DC", "JE", "JK", "KL"].map((s) => globalActorId("savee", s)),
  ];
  assertEquals(ids, Array.from({ length: 121 }, (_, i) => i + 1));
});
