/**
 * Small corpora made with espeak-ng's German voice for the tests of any data: EMO-DB's naming
 * (`emodb/wav/03a01Wa.wav`), and the same recordings under opaque names with a manifest CSV.
 */

/** The speakers (EMO-DB ids and documented genders), emotion letters and texts generated. */
export const GENERATED = {
  speakers: [["03", "male"], ["08", "female"], ["10", "male"], ["13", "female"]] as const,
  letters: { W: "anger", T: "sadness", N: "neutral", L: "boredom" } as Record<string, string>,
  texts: {
    a01: "Der Lappen liegt auf dem Eisschrank.",
    a02: "Das will sie am Mittwoch abgeben.",
  } as Record<string, string>,
};

/** espeak-ng's speed, pitch and amplitude per emotion letter: distinct enough to learn. */
const _PROSODY: Record<string, [number, number, number]> = {
  W: [200, 75, 190],
  T: [105, 25, 60],
  N: [150, 50, 100],
  L: [120, 40, 70],
};

/**
 * Writes `<dir>/emodb/wav/SSTTTEa.wav` for every speaker, text and emotion of
 * {@linkcode GENERATED} (32 clips, about a second each) and returns their file names.
 */
export async function generateEmodbNamed(dir: string): Promise<string[]> {
  await Deno.mkdir(`${dir}/emodb/wav`, { recursive: true });
  const names: string[] = [];
  for (const [speaker, gender] of GENERATED.speakers) {
    for (const [text, words] of Object.entries(GENERATED.texts)) {
      for (const letter of Object.keys(GENERATED.letters)) {
        const name = `${speaker}${text}${letter}a.wav`;
        const [speed, pitch, amplitude] = _PROSODY[letter];
        const voice = gender === "female" ? "de+f3" : "de+m3";
        const r = await new Deno.Command("espeak-ng", {
          args: [
            "-v",
            voice,
            "-s",
            String(speed + Number(speaker)),
            "-p",
            String(pitch + (Number(speaker) % 5)),
            "-a",
            String(amplitude),
            "-w",
            `${dir}/emodb/wav/${name}`,
            words,
          ],
        }).output();
        if (!r.success) throw new Error(`espeak-ng: ${new TextDecoder().decode(r.stderr)}`);
        names.push(name);
      }
    }
  }
  return names;
}

/**
 * The same recordings as a manifest corpus with opaque names: `<dir>/mine/clips/clip-N.wav` and
 * `<dir>/mine/mine.csv` (`path,emotion,speaker,gender`; emotions written anger, sadness, neutral,
 * boredom; speakers named `spk03`, ...). Returns the CSV's path and its text's rows.
 */
export async function manifestOf(dir: string, names: readonly string[]): Promise<string> {
  await Deno.mkdir(`${dir}/mine/clips`, { recursive: true });
  const rows = ["path,emotion,speaker,gender"];
  for (const [i, name] of names.entries()) {
    await Deno.copyFile(`${dir}/emodb/wav/${name}`, `${dir}/mine/clips/clip-${i}.wav`);
    const gender = GENERATED.speakers.find(([s]) => s === name.slice(0, 2))![1];
    rows.push(`clips/clip-${i}.wav,${GENERATED.letters[name[5]]},spk${name.slice(0, 2)},${gender}`);
  }
  await Deno.writeTextFile(`${dir}/mine/mine.csv`, rows.join("\n") + "\n");
  return `${dir}/mine/mine.csv`;
}
