"The `wwdl` console script, run as a user runs it."
import json, os, subprocess, sys
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
    for nb in sorted((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb')):
        num, name = nb.stem.split('_', 1)
        assert f"{num}  {name}" in r.stdout, f"{nb.stem} missing from `wwdl lessons`:\n{r.stdout}"

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
    assert len(lessons) == len(list((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb')))
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
        assert 2 <= n_sol <= 4, f"{l.path.name} has {n_sol} solution cells: each lesson ends with 2-4 exercises"

def test_doctor_passes_here():
    r = wwdl('doctor')
    assert r.returncode == 0, r.stdout + r.stderr
    assert 'device' in r.stdout and 'FAIL' not in r.stdout

def test_readme_is_made_from_index():
    r = wwdl('readme', '--check')
    assert r.returncode == 0, r.stdout + " Run `wwdl readme` after editing nbs/index.ipynb."
