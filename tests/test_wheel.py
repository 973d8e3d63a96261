"The wheel a user installs: exactly the package's modules plus its data, the licence, and a CLI that works from it."
import os, shutil, subprocess, sys, zipfile
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent

def build_wheel(src:Path, out:Path) -> Path:
    r = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-q', '-w', str(out), str(src)],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    whl, = out.glob('walk_with_dl-*.whl')
    return whl

def unexpected_files(whl:Path, src:Path) -> list[str]:
    "Files in the wheel that the source tree does not ship: stale modules from an old build/lib, stray data"
    names = zipfile.ZipFile(whl).namelist()
    want_py = {f'walk_with_dl/{p.name}' for p in (src/'walk_with_dl').glob('*.py')}
    got_py = {n for n in names if n.endswith('.py')}
    data = {f'walk_with_dl/_data/{p.name}' for p in (src/'walk_with_dl'/'_data').iterdir() if p.suffix in ('.npz', '.md')}
    lessons = {f'walk_with_dl/lessons/{p.name}' for p in (src/'nbs').glob('*.ipynb')}
    bad = sorted(got_py ^ want_py)
    bad += sorted(n for n in names if not n.endswith('.py') and '.dist-info/' not in n and n not in data | lessons)
    bad += [f'missing {n}' for n in sorted(data - set(names))]
    return bad

@pytest.fixture(scope='module')
def wheel(tmp_path_factory):
    "The wheel built from a clean copy of the tracked source (what CI and a release build)"
    src = tmp_path_factory.mktemp('src')/'repo'
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns('.venv', '.git', '__pycache__', '*.egg-info', 'build', 'dist', '_proc', '_docs',
                                                             'wwdl-runs', '.ipynb_checkpoints', 'models', 'student'))
    return build_wheel(src, tmp_path_factory.mktemp('dist')), src

def test_wheel_holds_exactly_the_modules_data_lessons_and_licence(wheel):
    whl, src = wheel
    assert unexpected_files(whl, src) == []
    names = zipfile.ZipFile(whl).namelist()
    assert {'walk_with_dl/_data/mnist28.npz', 'walk_with_dl/_data/PROVENANCE.md', 'walk_with_dl/cli.py'} <= set(names)
    lic = next(n for n in names if n.endswith('.dist-info/licenses/LICENSE'))
    assert 'Apache License' in zipfile.ZipFile(whl).read(lic).decode() and 'Version 2.0, January 2004' in (ROOT/'LICENSE').read_text()

def test_a_stale_build_lib_is_caught(tmp_path, wheel):
    "The check above is not a formality: a module left in build/lib by an older build gets into the wheel, and it says so"
    _, clean = wheel
    src = tmp_path/'repo'; shutil.copytree(clean, src)
    (src/'build'/'lib'/'walk_with_dl').mkdir(parents=True, exist_ok=True)
    (src/'build'/'lib'/'walk_with_dl'/'old_module.py').write_text('x = 1\n')
    whl = build_wheel(src, tmp_path/'dist')
    assert 'walk_with_dl/old_module.py' in unexpected_files(whl, src)

def test_the_checkout_builds_no_stale_files(tmp_path):
    "The wheel built from this checkout as it is (a build/ left here would leak into it: delete build/ and rebuild)"
    whl = build_wheel(ROOT, tmp_path)
    bad = unexpected_files(whl, ROOT)
    assert not bad, f"the wheel holds files the source does not ship (stale {ROOT/'build'}? delete it): {bad}"

def run_from_wheel(whl:Path, tmp:Path, code:str):
    site = tmp/'site'
    if not site.exists():
        r = subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', '--no-deps', '--target', str(site), str(whl)],
                           capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr
    env = {**os.environ, 'PYTHONPATH': str(site), 'MPLBACKEND': 'Agg'}
    return subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=600, env=env, cwd=tmp)

def test_installed_wheel_works_and_readme_says_it_is_for_a_checkout(wheel, tmp_path):
    whl, _ = wheel
    code = ("import sys, walk_with_dl\n"
            f"assert walk_with_dl.__file__.startswith({str(tmp_path/'site')!r}), walk_with_dl.__file__\n"
            "from walk_with_dl.data import mnist28\n"
            "print('mnist28', tuple(mnist28().x_train.shape))\n"
            "from walk_with_dl.cli import main, lessons_dir\n"
            "print('lessons in', lessons_dir())\n"
            "assert main(['lessons']) == 0\n"
            "sys.exit(main(['readme', '--check']))\n")
    r = run_from_wheel(whl, tmp_path, code)
    assert r.returncode == 2, r.stdout + r.stderr
    assert 'mnist28 (8000, 1, 28, 28)' in r.stdout and f"lessons in {tmp_path/'site'}" in r.stdout and '00  core' in r.stdout
    err = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(err) == 1 and err[0].startswith("wwdl readme: readme is a maintainer's command") and 'installed' in err[0], r.stderr
