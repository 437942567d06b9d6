/**
 * `deno task fetch-data [--corpus ravdess|cremad|tess|savee|emodb] [--to data/corpora]`: downloads
 * the openly available corpora from their official homes (RAVDESS speech from Zenodo, CREMA-D from
 * its GitHub repository, TESS from its Dataverse; EMO-DB, not part of the Superset, from Zenodo
 * when asked for by name), verifies sizes and checksums, resumes
 * interrupted downloads and unpacks into the layouts the adapters read; says where SAVEE must be
 * requested. Re-running checks what is there and fetches only what is missing.
 *
 * @module
 */
import { type FetchableCorpus, fetchCorpus } from "../lib/download/mod.ts";
import { taskArgs } from "./_options.ts";

/** The Superset's corpora, fetched by default. */
const ALL: FetchableCorpus[] = ["ravdess", "cremad", "tess", "savee"];
/** Every corpus it knows: the default ones, and EMO-DB by name. */
const KNOWN: FetchableCorpus[] = [...ALL, "emodb"];

if (import.meta.main) {
  const args = taskArgs("fetch-data", Deno.args, {
    usage: `usage: deno task fetch-data [--corpus ${KNOWN.join("|")}] [--to data/corpora]\n` +
      "  (default: the Superset's four; EMO-DB when named)",
    strings: ["to"],
    lists: ["corpus"],
    choices: { corpus: KNOWN },
  });
  const corpora = (args.corpus as string[] | undefined) ?? ALL;
  const to = (args.to as string | undefined) ?? "data/corpora";
  let failed = 0;
  for (const corpus of corpora as FetchableCorpus[]) {
    try {
      const r = await fetchCorpus(corpus, to, undefined, (line) => console.error(line));
      if (r.note) console.log(`${corpus}: ${r.note}`);
      else {console.log(
          `${corpus}: ${r.fetched} fetched, ${r.present} already in place, ${r.failed.length} failed`,
        );}
      for (const f of r.failed.slice(0, 20)) console.log(`  ${f.reason}`);
      failed += r.failed.length;
    } catch (e) {
      console.error(`${corpus}: ${e instanceof Error ? e.message : e}`);
      failed++;
    }
  }
  if (!failed) console.log(`\nnext: deno task reproduce --data ${to}`);
  Deno.exit(failed ? 1 : 0);
}
