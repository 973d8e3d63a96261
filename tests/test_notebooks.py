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
    env = {**os.environ, 'MPLBACKEND': 'Agg', 'WWDL_DATA': str(tmp_path)}
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, '-c', RUN, str(nb)], cwd=NBS, env=env, capture_output=True, text=True, timeout=LIMIT)
    secs = time.perf_counter() - t0
    assert r.returncode == 0, f"{nb.name} failed after {secs:.1f}s:\n{r.stderr[-6000:]}"
