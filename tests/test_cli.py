"The `wwdl` console script, run as a user runs it."
import json, os, shutil, subprocess, sys
from pathlib import Path
import pytest
from walk_with_dl import cli

ROOT = Path(__file__).resolve().parent.parent

def wwdl(*args, cwd=None):
    exe = Path(sys.executable).parent/'wwdl'
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd, timeout=600,
                          env={**os.environ, 'MPLBACKEND': 'Agg'})

def test_lessons_lists_every_lesson():
    r = wwdl('lessons')
    assert r.returncode == 0, r.stderr
    nbs = [nb for nb in sorted((ROOT/'nbs').glob('[0-9][0-9]*.ipynb')) if cli._LESSON.match(nb.name)]
    assert len(nbs) >= 10 and any(len(nb.stem.split('_')[0]) == 3 for nb in nbs)   # NNx_name lessons (15a_...) count too
    for nb in nbs:
        num, name = nb.stem.split('_', 1)
        assert f"{num:<4}{name}" in r.stdout, f"{nb.stem} missing from `wwdl lessons`:\n{r.stdout}"

def test_run_one_lesson_into_a_work_folder(tmp_path):
    src = ROOT/'nbs'/'00_core.ipynb'; before = src.read_bytes()
    r = wwdl('run', '00', '--out', str(tmp_path/'runs'), cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    line = next(l for l in r.stdout.splitlines() if l.startswith('00_core'))
    assert line.rstrip().endswith('ok') and 's ' in line, line
    assert '1 passed, 0 failed' in r.stdout
    out = json.loads((tmp_path/'runs'/'00_core.ipynb').read_text())
    assert any(c.get('outputs') for c in out['cells'] if c['cell_type'] == 'code')
    assert src.read_bytes() == before, "the lesson itself must not be modified"

def test_run_refuses_to_overwrite(tmp_path):
    (tmp_path/'00_core.ipynb').write_text('my notes')
    r = wwdl('run', '00', '--out', str(tmp_path))
    assert r.returncode == 2 and 'already holds notebooks' in r.stderr
    assert (tmp_path/'00_core.ipynb').read_text() == 'my notes'

def test_unknown_lesson_is_a_clear_error():
    r = wwdl('run', 'quantum_gans')
    assert r.returncode == 2 and "No lesson called 'quantum_gans'" in r.stderr and '00_core' in r.stderr

def test_failing_lesson_gives_nonzero_exit(tmp_path, monkeypatch, capsys):
    bad = tmp_path/'99_broken.ipynb'
    nb = json.loads((ROOT/'nbs'/'00_core.ipynb').read_text())
    nb['cells'] = nb['cells'][:1] + [{'cell_type': 'code', 'metadata': {}, 'execution_count': None, 'outputs': [],
                                      'source': ['assert 1 + 1 == 3, "arithmetic is broken"']}]
    bad.write_text(json.dumps(nb))
    monkeypatch.setattr(cli, 'list_lessons', lambda folder=None: [cli.Lesson('99', 'broken', 'Broken', '', bad)])
    assert cli.main(['run', '--out', str(tmp_path/'out')]) == 1
    out = capsys.readouterr().out
    assert 'FAILED' in out and 'arithmetic is broken' in out and '0 passed, 1 failed' in out

def test_student_copy_has_no_solutions_and_keeps_user_files(tmp_path):
    r = wwdl('student', str(tmp_path))
    assert r.returncode == 0, r.stderr
    lessons = sorted(tmp_path.glob('*.ipynb'))
    assert len(lessons) == len([p for p in (ROOT/'nbs').glob('[0-9][0-9]*.ipynb') if cli._LESSON.match(p.name)])
    for p in lessons:
        for c in json.loads(p.read_text())['cells']:
            if c['cell_type'] == 'code':
                assert not cli._SOLUTION.search(cli._src(c)), f"{p.name} still has a solution cell"
                assert c['outputs'] == []
    (tmp_path/'00_core.ipynb').write_text('edited by a student')
    r = wwdl('student', str(tmp_path))
    assert r.returncode == 2 and '--force' in r.stderr
    assert (tmp_path/'00_core.ipynb').read_text() == 'edited by a student'

def test_every_lesson_has_exercises_with_solutions():
    for l in cli.list_lessons():
        if l.num == '00': continue
        cells = json.loads(l.path.read_text())['cells']
        code = [cli._src(c) for c in cells if c['cell_type'] == 'code']
        n_sol = sum(bool(cli._SOLUTION.search(s)) for s in code)
        assert any(c['cell_type'] == 'markdown' and '## Exercises' in cli._src(c) for c in cells), f"{l.path.name} has no Exercises section"
        assert n_sol >= 3, f"{l.path.name} has {n_sol} solution cells: each lesson ends with at least 3 exercises"

def test_doctor_passes_here():
    r = wwdl('doctor')
    assert r.returncode == 0, r.stdout + r.stderr
    assert 'device' in r.stdout and 'FAIL' not in r.stdout

def test_readme_is_made_from_index():
    r = wwdl('readme', '--check')
    assert r.returncode == 0, r.stdout + " Run `wwdl readme` after editing nbs/index.ipynb."

# ---- the command line itself ----

def one_line(r):
    "stderr is a single line, no traceback"
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and 'Traceback' not in r.stderr, r.stderr
    return lines[0]

def test_no_command_prints_help_and_version_works():
    r = wwdl()
    assert r.returncode == 0 and 'usage: wwdl' in r.stdout and 'lessons' in r.stdout and 'readme' not in r.stdout, r.stdout + r.stderr
    r = wwdl('--version')
    from walk_with_dl import __version__
    assert r.returncode == 0 and r.stdout.strip() == f'wwdl (walk-with-dl) {__version__}'

def test_python_dash_m_runs_the_cli():
    r = subprocess.run([sys.executable, '-m', 'walk_with_dl.cli', 'lessons'], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and '00  core' in r.stdout, r.stdout + r.stderr

def test_timeout_zero_means_no_limit_and_negative_is_refused(tmp_path):
    r = wwdl('run', '--help')
    assert '0 means no limit' in r.stdout
    r = wwdl('run', '00', '--timeout', '-1', '--out', str(tmp_path/'x'))
    assert r.returncode == 2 and '0 for no limit' in r.stderr and not (tmp_path/'x').exists()
    lines = []
    res = cli.run_lessons(['00'], out=tmp_path/'run', timeout=0, echo=lines.append)
    assert res[0].ok and 'no time limit per cell' in lines[0], lines

@pytest.mark.parametrize('out,msg', [
    (lambda t: t/'file', 'is a file, not a folder; pass --out a folder you can write to'),
    (lambda t: t/'file'/'sub', 'file is a file, not a folder'),
    (lambda t: Path('/sys/wwdl-test'), 'is not writable'),
])
def test_run_out_that_cannot_be_a_folder_is_one_line(out, msg, tmp_path):
    (tmp_path/'file').write_text('my notes')
    r = wwdl('run', '00', '--out', str(out(tmp_path)))
    assert r.returncode == 2 and msg in one_line(r) and one_line(r).startswith('wwdl run: --out ')
    assert (tmp_path/'file').read_text() == 'my notes'

def test_two_runs_in_the_same_second_get_their_own_folders(tmp_path, monkeypatch):
    import concurrent.futures as cf
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli.time, 'strftime', lambda fmt: '20260101-000000')   # the same second, for sure
    with cf.ThreadPoolExecutor(8) as ex: dirs = list(ex.map(lambda _: cli._new_run_dir(None), range(16)))
    assert len(set(dirs)) == 16 and all(d.parent == tmp_path/'wwdl-runs' and d.is_dir() for d in dirs)
    assert sorted(d.name for d in dirs)[:2] == ['20260101-000000', '20260101-000000-10']

# ---- a student copy never loses work ----

def test_student_refuses_the_lessons_own_folder_even_with_force():
    src = ROOT/'nbs'/'00_core.ipynb'; before = src.read_bytes()
    for args in (('student', str(ROOT/'nbs'), '--force'), ('student', str(ROOT/'nbs'/'sub'), '00'), ('student', str(ROOT/'nbs'), '--update')):
        r = wwdl(*args)
        assert r.returncode == 2 and "the lessons' own folder" in one_line(r), r.stderr
    assert src.read_bytes() == before and not (ROOT/'nbs'/'sub').exists()

def test_student_modes_keep_edited_copies(tmp_path):
    assert wwdl('student', str(tmp_path), '00', '01').returncode == 0
    mine = tmp_path/'00_core.ipynb'
    mine.write_text(mine.read_text().replace('raise NotImplementedError', 'return 42  # my answer', 1))
    r = wwdl('student', str(tmp_path), '00', '01', '02')
    assert r.returncode == 2 and all(k in one_line(r) for k in ('--missing', '--update', '--force'))
    r = wwdl('student', str(tmp_path), '--missing', '00', '01', '02')
    assert r.returncode == 0 and (tmp_path/'02_neural_nets.ipynb').exists() and 'my answer' in mine.read_text()
    r = wwdl('student', str(tmp_path), '--update', '00')
    new, = tmp_path.glob('00_core.new-*.ipynb')
    assert r.returncode == 0 and 'my answer' in mine.read_text() and 'my answer' not in new.read_text()
    r = wwdl('student', str(tmp_path), '--update', '00')                      # again: no second copy of the same version
    assert len(list(tmp_path.glob('00_core.new-*.ipynb'))) == 1 and 'already beside it' in r.stdout
    r = wwdl('student', str(tmp_path), '--force', '00')
    bak, = tmp_path.glob('00_core.backup-*.ipynb')
    assert r.returncode == 0 and 'my answer' in bak.read_text() and 'my answer' not in mine.read_text()
    assert not list(tmp_path.glob('.*.part'))

def test_update_replaces_only_untouched_copies(tmp_path, capsys):
    cli.student_copy(tmp_path, ['00', '01'], echo=lambda *a: None)
    man = json.loads((tmp_path/cli._MANIFEST).read_text())
    for name in ('00_core.ipynb', '01_data.ipynb'):          # pretend both came from an older version of the course
        p = tmp_path/name; p.write_bytes(p.read_bytes() + b' '); man[name] = cli._sha(p.read_bytes())
    (tmp_path/cli._MANIFEST).write_text(json.dumps(man))
    (tmp_path/'01_data.ipynb').write_text((tmp_path/'01_data.ipynb').read_text() + '  ')  # ... and the student edited 01
    got = cli.student_copy(tmp_path, ['00', '01'], mode='update', echo=lambda *a: None)
    assert got[0] == tmp_path/'00_core.ipynb' and got[1].name.startswith('01_data.new-')
    assert (tmp_path/'01_data.ipynb').read_text().endswith('   ')

def test_writes_are_atomic(tmp_path, monkeypatch):
    p = tmp_path/'00_core.ipynb'; p.write_text('the student\'s answers')
    def crash(src, dst): raise OSError(28, 'No space left on device')
    monkeypatch.setattr(cli.os, 'replace', crash)
    with pytest.raises(OSError): cli._atomic_write(p, b'new version')
    assert p.read_text() == "the student's answers" and [q.name for q in tmp_path.iterdir()] == ['00_core.ipynb']

# ---- broken notebooks in the lessons folder ----

@pytest.fixture
def broken_lessons(tmp_path, monkeypatch):
    d = tmp_path/'lessons'; d.mkdir()
    shutil.copy(ROOT/'nbs'/'00_core.ipynb', d)
    (d/'01_half.ipynb').write_text((ROOT/'nbs'/'01_data.ipynb').read_text()[:500])
    (d/'02_conflict.ipynb').write_text('{\n<<<<<<< HEAD\n "cells": []\n=======\n "cells": [1]\n>>>>>>> theirs\n}\n')
    monkeypatch.setattr(cli, 'lessons_dir', lambda: d)
    return d

def test_lessons_names_broken_files_and_lists_the_rest(broken_lessons, capsys):
    assert cli.main(['lessons']) == 1
    out, err = capsys.readouterr()
    assert '00  core' in out and 'Core helpers' in out
    assert '01_half.ipynb is not a valid notebook' in err and 'half-saved' in err
    assert '02_conflict.ipynb holds merge-conflict markers' in err and 'Expecting value' not in err.split('(JSON error')[0]

def test_student_skips_broken_files_and_carries_on(broken_lessons, tmp_path, capsys):
    assert cli.main(['student', str(tmp_path/'stu')]) == 1
    out = capsys.readouterr().out
    assert [p.name for p in sorted((tmp_path/'stu').glob('*.ipynb'))] == ['00_core.ipynb']
    assert 'skipped 01_half.ipynb' in out and 'skipped 02_conflict.ipynb' in out

def test_run_reports_broken_files_as_failed(broken_lessons, tmp_path, capsys):
    assert cli.main(['run', '01', '02', '--out', str(tmp_path/'r')]) == 1
    out = capsys.readouterr().out
    assert 'FAILED: 01_half.ipynb is not a valid notebook' in out and 'FAILED: 02_conflict.ipynb holds merge-conflict' in out

# ---- kernels: doctor checks a real one; lessons run on this Python whatever Jupyter's python3 says ----

@pytest.fixture
def other_python3_kernel(tmp_path):
    "A JUPYTER_PATH whose python3 kernel is a Python that cannot import walk_with_dl"
    k = tmp_path/'jp'/'kernels'/'python3'; k.mkdir(parents=True)
    argv = [sys.executable, '-c', "import sys; sys.modules['walk_with_dl'] = None; from ipykernel import kernelapp; kernelapp.launch_new_instance()",
            '-f', '{connection_file}']
    (k/'kernel.json').write_text(json.dumps({'argv': argv, 'display_name': 'another Python', 'language': 'python'}))
    return {**os.environ, 'JUPYTER_PATH': str(tmp_path/'jp'), 'MPLBACKEND': 'Agg'}

def test_doctor_fails_when_jupyters_kernel_is_another_python(other_python3_kernel):
    r = subprocess.run([str(Path(sys.executable).parent/'wwdl'), 'doctor'], capture_output=True, text=True, timeout=600, env=other_python3_kernel)
    assert r.returncode == 1, r.stdout
    line = next(l for l in r.stdout.splitlines() if 'kernel for Jupyter' in l)
    assert line.startswith('FAIL') and 'cannot import walk_with_dl' in line and 'ipykernel install --user' in line, line
    assert next(l for l in r.stdout.splitlines() if 'kernel for wwdl run' in l).startswith('ok')

def test_doctor_fails_when_jupyters_kernel_cannot_start(tmp_path):
    k = tmp_path/'jp'/'kernels'/'python3'; k.mkdir(parents=True)
    (k/'kernel.json').write_text(json.dumps({'argv': [str(tmp_path/'no-such-python'), '-f', '{connection_file}'], 'display_name': 'gone', 'language': 'python'}))
    env = {**os.environ, 'JUPYTER_PATH': str(tmp_path/'jp')}
    code = 'from walk_with_dl import cli; print(cli._jupyter_kernel_check.__name__); print(cli._check("k", cli._jupyter_kernel_check))'
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=600, env=env)
    assert 'no-such-python' in r.stdout and 'cannot be started' in r.stdout and 'Fix:' in r.stdout, r.stdout + r.stderr

def test_lessons_run_on_this_python_whatever_python3_points_at(other_python3_kernel, tmp_path):
    r = subprocess.run([str(Path(sys.executable).parent/'wwdl'), 'run', '00', '--out', str(tmp_path/'r')], capture_output=True, text=True,
                       timeout=600, env=other_python3_kernel, cwd=tmp_path)
    assert r.returncode == 0 and '1 passed' in r.stdout, r.stdout + r.stderr

def test_kernels_get_the_thread_policy():
    env = cli.kernel_env()
    assert env['OMP_NUM_THREADS'] == env['MKL_NUM_THREADS'] == str(cli._default_threads())
    assert cli.kernel_env(3)['OMP_NUM_THREADS'] == '3'

@pytest.mark.parametrize('threads', [None, 2])
def test_lesson_kernels_run_with_the_threads_asked_for(threads, tmp_path):
    want = threads or cli._default_threads()
    nb = {'nbformat': 4, 'nbformat_minor': 5, 'metadata': {'kernelspec': {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}},
          'cells': [{'cell_type': 'markdown', 'id': 'a1', 'metadata': {}, 'source': '# Threads\n> how many'},
                    {'cell_type': 'code', 'id': 'b2', 'metadata': {}, 'execution_count': None, 'outputs': [],
                     'source': f"import torch, os\nassert torch.get_num_threads() == {want}, torch.get_num_threads()\nassert os.environ['OMP_NUM_THREADS'] == '{want}'"}]}
    p = tmp_path/'98_threads.ipynb'; p.write_text(json.dumps(nb))
    r = cli.run_lesson(cli.Lesson('98', 'threads', 'Threads', '', p), tmp_path, threads=threads)
    assert r.ok, r.error

def test_a_lesson_number_takes_all_its_parts():
    "`wwdl run 15` runs 15a-15d; `15a` only that part; a number with no lesson is a one-line error"
    from walk_with_dl.cli import find_lessons
    fifteen = [l.num for l in find_lessons(['15'])]
    assert len(fifteen) >= 2 and all(n.startswith('15') for n in fifteen), fifteen
    assert [l.num for l in find_lessons(['15a'])] == ['15a']
    with pytest.raises(ValueError, match='No lesson called'): find_lessons(['99'])
