/**
 * Executes the notebooks headless with the repo's Deno kernel (tools/run_notebooks.py,
 * which waits for late outputs) on a data folder, and renders them to HTML.
 *
 * @module
 */

/** The notebooks, in reading order. */
export const NOTEBOOKS = [
  "notebooks/01_superset.ipynb",
  "notebooks/02_features.ipynb",
  "notebooks/03_train_fusionnet.ipynb",
  "notebooks/04_cross_validation.ipynb",
  "notebooks/05_your_corpus.ipynb",
];

/**
 * Runs every notebook on `data`, writing executed copies and HTML to `out`. Throws if a cell
 * fails (the message names the notebook and cell) or Jupyter is not installed.
 */
export async function renderNotebooks(data: string, out: string): Promise<void> {
  const root = new URL("../", import.meta.url).pathname;
  const runtime = await Deno.makeTempDir({ prefix: "serlab-jupyter-" });
  let r: Deno.CommandOutput;
  try {
    r = await new Deno.Command("/usr/bin/python3", {
      args: [`${root}tools/run_notebooks.py`, "--out", out, ...NOTEBOOKS.map((n) => `${root}${n}`)],
      env: {
        JUPYTER_PATH: `${root}notebooks`,
        SERLAB_DATA: await Deno.realPath(data),
        XDG_RUNTIME_DIR: runtime,
        JUPYTER_RUNTIME_DIR: runtime,
      },
      stdout: "inherit",
      stderr: "inherit",
    }).output();
  } catch (e) {
    throw new Error(
      `cannot run the notebooks (${e instanceof Error ? e.message : e}): ` +
        "sudo apt-get install -y jupyter-notebook jupyter-nbconvert python3-nbclient python3-ipykernel",
    );
  } finally {
    await Deno.remove(runtime, { recursive: true }).catch(() => {});
  }
  if (!r.success) throw new Error("a notebook failed (see above)");
}
