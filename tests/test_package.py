"The package as a user installs it: imports, no torchvision, and lessons inside the wheel."
import pkgutil, subprocess, sys, zipfile
from pathlib import Path
import walk_with_dl

ROOT = Path(__file__).resolve().parent.parent

def test_every_module_imports_without_torchvision():
    mods = [m.name for m in pkgutil.iter_modules(walk_with_dl.__path__, 'walk_with_dl.') if not m.name.endswith('_modidx')]
    assert {'walk_with_dl.core', 'walk_with_dl.data', 'walk_with_dl.training'} <= set(mods)
    code = ("import sys, importlib\n"
            f"for m in {mods!r}: importlib.import_module(m)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'torchvision' or m.startswith('fastai.vision'))\n"
            "assert not bad, bad\n")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr

def test_modules_match_notebooks():
    "Each exported module names the notebook it comes from, and that notebook exists"
    for py in Path(walk_with_dl.__file__).parent.glob('[a-z]*.py'):
        head = py.read_text().split('\n', 8)
        src = next((l.split('File to edit: ')[1].strip().removesuffix('.') for l in head if 'File to edit:' in l), None)
        assert src, f"{py.name} does not say which notebook it is exported from"
        assert (py.parent/src).resolve().exists(), f"{py.name} comes from {src}, which does not exist"

def test_wheel_carries_the_lessons(tmp_path):
    r = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-q', '-w', str(tmp_path), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    whl, = tmp_path.glob('walk_with_dl-*.whl')
    names = zipfile.ZipFile(whl).namelist()
    lessons = sorted(n.split('/')[-1] for n in names if n.startswith('walk_with_dl/lessons/') and n.endswith('.ipynb'))
    want = sorted(p.name for p in (ROOT/'nbs').glob('*.ipynb'))
    assert lessons == want, f"wheel lessons {lessons} != nbs {want}"
    assert 'walk_with_dl/cli.py' in names
    ep = next(n for n in names if n.endswith('entry_points.txt'))
    assert 'wwdl = walk_with_dl.cli:main' in zipfile.ZipFile(whl).read(ep).decode()

# what `pip install walk-with-dl` brings, by import name: the declared dependencies and what they always pull in
RUNTIME = {'torch', 'fastai', 'matplotlib', 'ipywidgets', 'sklearn', 'fastprogress', 'nbformat', 'nbclient', 'ipykernel', 'nbdev',
           'numpy', 'pandas', 'IPython', 'fastcore', 'walk_with_dl', 'scipy',
           'keras', 'captum', 'fairlearn', 'torchmetrics', 'tensorboard', 'wandb', 'safetensors', 'transformers', 'tokenizers', 'art', 'PIL', 'traitlets', 'jupyter_client'}

def test_lessons_import_only_what_a_pip_install_brings():
    "`wwdl run` works for a pip user: no lesson imports a package that only the dev extra installs"
    import json, re
    tomllib = __import__('tomllib')
    deps = tomllib.loads((ROOT/'pyproject.toml').read_text())['project']['dependencies']
    assert any(d.startswith('nbdev') for d in deps), "lessons use nbdev's show_doc: nbdev must be a runtime dependency"
    bad = {}
    for nb in sorted((ROOT/'nbs').glob('*.ipynb')):
        for c in json.loads(nb.read_text())['cells']:
            if c['cell_type'] != 'code': continue
            src = ''.join(c['source'])
            guarded = 'find_spec(' in src or 'except ImportError' in src or 'except Exception' in src   # optional, with a fallback
            for m in re.finditer(r'^\s*(?:from|import)\s+(\w+)', src, re.M):
                if m.group(1) not in sys.stdlib_module_names and m.group(1) not in RUNTIME and not guarded: bad.setdefault(nb.name, set()).add(m.group(1))
    assert not bad, f"lessons import packages a pip install does not bring: {bad}"
