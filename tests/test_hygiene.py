"The package stays tidy: exported modules import only what they use, notebooks and modules agree, export cells hold one idea."
import json, shutil, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

def test_modules_import_only_what_they_use():
    "ruff's unused-import (F401) and redefinition (F811) checks pass on the generated modules"
    ruff = shutil.which('ruff', path=str(BIN)) or shutil.which('ruff')
    if ruff is None: pytest.skip("ruff is not installed: pip install -e '.[dev]'")
    r = subprocess.run([ruff, 'check', '--select', 'F401,F811', '--exclude', '_modidx.py', str(ROOT/'walk_with_dl')], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr

def _tool(name):
    p = BIN/name
    return str(p) if p.exists() else shutil.which(name)

def test_export_and_clean_leave_nothing_to_commit(tmp_path):
    "nbdev-export and nbdev-clean on a copy of the repository change nothing: notebooks and modules are in step"
    if not (ROOT/'.git').exists(): pytest.skip("not a source checkout")
    src = tmp_path/'repo'
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns('.venv', '.git', '__pycache__', '*.egg-info', 'build', 'dist', '_proc', '_docs', 'wwdl-runs'))
    for cmd in ('nbdev-export', 'nbdev-clean'):
        r = subprocess.run([_tool(cmd)], cwd=src, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, f"{cmd} failed: {r.stderr[-2000:]}"
    changed = [str(p.relative_to(src)) for p in sorted(src.rglob('*')) if p.is_file() and p.suffix in ('.py', '.ipynb')
               and (ROOT/p.relative_to(src)).exists() and p.read_bytes() != (ROOT/p.relative_to(src)).read_bytes()]
    added = [str(p.relative_to(src)) for p in sorted((src/'walk_with_dl').glob('*.py')) if not (ROOT/'walk_with_dl'/p.name).exists()]
    assert not changed and not added, f"run nbdev-export and nbdev-clean, then commit: changed {changed}, new {added}"

MAX_EXPORT_LINES = 40

def test_export_cells_hold_one_idea():
    "No exported cell grows past a screenful: split it so each cell defines one thing"
    long = []
    for nb in sorted((ROOT/'nbs').glob('*.ipynb')):
        for c in json.loads(nb.read_text(encoding='utf-8'))['cells']:
            s = ''.join(c['source'])
            if c['cell_type'] == 'code' and s.lstrip().startswith('#| export'):
                n = len(s.strip().splitlines())
                if n > MAX_EXPORT_LINES: long.append(f"{nb.name}: {s.splitlines()[1][:60]!r}... ({n} lines)")
    assert not long, "export cells over 40 lines:\n" + '\n'.join(long)
