"""Executes serlab's notebooks with the Deno kernel kept in the repo, and renders them to HTML.

The Deno kernel sometimes sends a cell's output after it reports the cell idle, and
`nbconvert --execute` then drops it; this executor keeps listening after "idle" until the kernel
has been quiet for a grace period. Any cell error fails the run (exit status 1), naming the
notebook and the cell.

usage: python3 tools/run_notebooks.py [--out DIR] [--timeout S] NOTEBOOK.ipynb...
  (JUPYTER_PATH must include notebooks/, where kernels/deno/kernel.json lives; `deno task
  notebooks` sets it.) Executed copies and HTML go to DIR (default results/notebooks).
"""
import argparse, os, queue, subprocess, sys, time
import nbformat
from jupyter_client.manager import start_new_kernel

GRACE = 1.5  # seconds of quiet after "idle" before a cell counts as finished

def run_cell(kc, source, timeout):
    msg_id = kc.execute(source, allow_stdin=False)
    outputs, error, idle_at, deadline = [], None, None, time.time() + timeout
    while True:
        wait = GRACE if idle_at else max(0.1, deadline - time.time())
        try:
            msg = kc.get_iopub_msg(timeout=wait)
        except queue.Empty:
            if idle_at:
                break
            raise TimeoutError(f"no output for {timeout} s")
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status":
            if content["execution_state"] == "idle":
                idle_at = time.time()
            continue
        if kind in ("stream", "display_data", "execute_result", "error"):
            outputs.append(nbformat.v4.output_from_msg(msg))
            if idle_at:
                idle_at = time.time()  # a late output: keep listening
        if kind == "error":
            error = f"{content['ename']}: {content['evalue']}"
    return outputs, error

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", default="results/notebooks")
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("notebooks", nargs="+")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    failed = 0
    for path in a.notebooks:
        nb = nbformat.read(path, as_version=4)
        km, kc = start_new_kernel(kernel_name="deno", cwd=os.path.dirname(os.path.abspath(path)))
        started, error = time.time(), None
        try:
            for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
                cell.outputs, error = run_cell(kc, cell.source, a.timeout)
                cell.execution_count = i + 1
                if error:
                    error = f"cell {i + 1}: {error}"
                    break
        except Exception as e:
            error = f"{type(e).__name__}: {e}"
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        out = os.path.join(a.out, os.path.basename(path))
        nbformat.write(nb, out)
        subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", "--log-level", "WARN", out], check=True)
        status = f"FAILED ({error})" if error else "ok"
        print(f"{path}: {status} in {time.time() - started:.0f} s -> {out[:-6]}.html", flush=True)
        failed += bool(error)
    sys.exit(1 if failed else 0)

if __name__ == "__main__":
    main()
