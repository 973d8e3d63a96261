"Every notebook in nbs/ is a test: it runs top to bottom, and its own asserts check what it teaches."
import os, subprocess, sys, time
from pathlib import Path
import pytest

NBS = Path(__file__).resolve().parent.parent/'nbs'
NOTEBOOKS = sorted(NBS.glob('*.ipynb'))
LIMIT = int(os.environ.get('WWDL_NB_LIMIT', 600))  # seconds; a lesson should take about a minute on a 2-core CPU

RUN = "import sys; from nbdev.test import test_nb as run_nb; ok, _ = run_nb(sys.argv[1]); sys.exit(0 if ok else 1)"

@pytest.mark.parametrize('nb', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook(nb, tmp_path):
    "Run one notebook in a fresh process through nbdev's `test_nb` (cells tagged `notest` are skipped)"
    # One CPU thread per notebook, as `wwdl run` does: small models gain nothing from more, and on a busy machine
    # several threads per process fight for the cores (lesson 06 measured 61 s on one thread, 736 s on two, under load).
    threads = {k: os.environ.get(k, '1') for k in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS')}
    env = {**os.environ, **threads, 'MPLBACKEND': 'Agg', 'WWDL_DATA': str(tmp_path)}
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, '-c', RUN, str(nb)], cwd=NBS, env=env, capture_output=True, text=True, timeout=LIMIT)
    secs = time.perf_counter() - t0
    assert r.returncode == 0, f"{nb.name} failed after {secs:.1f}s:\n{r.stderr[-6000:]}"

@pytest.mark.parametrize('nb', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean_and_executed(nb):
    "Opens in Jupyter without a kernel prompt, starts with a title and summary, holds real outputs and no errors"
    import json
    d = json.loads(nb.read_text(encoding='utf-8'))
    assert d['metadata'].get('kernelspec', {}).get('name') == 'python3', f"{nb.name}: set the python3 kernelspec so JupyterLab opens it without asking"
    first = ''.join(d['cells'][0]['source'])
    assert d['cells'][0]['cell_type'] == 'markdown' and first.startswith('# ') and '\n> ' in first, f"{nb.name}: the first cell must be '# Title' and '> summary'"
    code = [c for c in d['cells'] if c['cell_type'] == 'code' and ''.join(c['source']).strip()]
    assert any(c.get('outputs') for c in code), f"{nb.name} has no outputs: commit it executed"
    errs = [i for i, c in enumerate(code) for o in c.get('outputs', []) if o.get('output_type') == 'error']
    assert not errs, f"{nb.name} holds error outputs in code cells {errs}"
    assert nb.stat().st_size < 1_500_000, f"{nb.name} is {nb.stat().st_size/1e6:.1f} MB: keep figures small"
