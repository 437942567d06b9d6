/**
 * `deno task notebooks [--data DIR] [--out DIR]`: executes every notebook headless on DIR
 * (default $SERLAB_DATA, else ../shared/datasets/sample: small-data mode) and renders them to
 * HTML in --out (default results/notebooks). Fails on any cell error.
 *
 * @module
 */
import { renderNotebooks } from "./_notebooks.ts";
import { taskArgs } from "./_options.ts";

if (import.meta.main) {
  const args = taskArgs("notebooks", Deno.args, {
    usage: "usage: deno task notebooks [--data DIR] [--out DIR]",
    strings: ["data", "out"],
  });
  const data = (args.data as string | undefined) ?? Deno.env.get("SERLAB_DATA") ??
    new URL("../../shared/datasets/sample", import.meta.url).pathname;
  try {
    await renderNotebooks(data, (args.out as string | undefined) ?? "results/notebooks");
  } catch (e) {
    console.error(`notebooks: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
}
