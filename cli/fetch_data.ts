/**
 * `deno task fetch-data [--corpus ravdess|cremad|tess|savee|emodb] [--to data/corpora]`: downloads
 * the openly available corpora from their official homes (RAVDESS speech from Zenodo, CREMA-D from
 * its GitHub repository, TESS from its Dataverse; EMO-DB, not part of the Superset, from Zenodo
 * when asked for by name), verifies sizes and checksums, resumes
 * interrupted downloads and unpacks into the layouts the adapters read; says where SAVEE must be
 * requested. Re-running checks what is there and fetches only what is missing. A corpus not in
 * place at the end (a failed file, SAVEE not yet requested) makes the exit status 1, and the next
 * step is suggested only when every corpus asked for is there.
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
  const missing: string[] = [];
  for (const corpus of corpora as FetchableCorpus[]) {
    try {
      const r = await fetchCorpus(corpus, to, undefined, (line) => console.error(line));
      if (r.note) console.log(`${corpus}: NOT FETCHED: ${r.note}`);
      else {console.log(
          `${corpus}: ${r.fetched} fetched, ${r.present} already in place, ${r.failed.length} failed`,
        );}
      if (!r.note) { for (const f of r.failed.slice(0, 20)) console.log(`  ${f.reason}`); }
      if (r.failed.length > 20) console.log(`  ... and ${r.failed.length - 20} more`);
      if (r.failed.length) missing.push(corpus);
    } catch (e) {
      console.error(`${corpus}: ${e instanceof Error ? e.message : e}`);
      missing.push(corpus);
    }
  }
  if (missing.length) {
    console.log(`\nnot complete: ${missing.join(", ")} (see above); run again to retry or resume`);
    Deno.exit(1);
  }
  console.log(`\nnext: deno task reproduce --data ${to}`);
}
