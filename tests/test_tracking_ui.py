"Lesson 04's local UI for real: TensorBoard on 127.0.0.1 over runs the tracking module writes, opened in Chromium."
import subprocess, sys
from pathlib import Path
import pytest

from loopback import CHROMIUM, CHROMIUM_ARGS as ARGS, HAVE_CHROMIUM, free_port, local_server

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT/'test-artifacts'
pytestmark = pytest.mark.skipif(not HAVE_CHROMIUM, reason="needs Debian's chromium (apt-get install chromium)")

def write_runs(root):
    "Two tracked runs of a tiny digits model, as lesson 04 logs them"
    code = f"""
import torch; torch.set_num_threads(1)
from torch import nn
from walk_with_dl.tracking import track
from walk_with_dl.training import learner, accuracy
from walk_with_dl.data import digits
from walk_with_dl.core import set_seed
for lr in (1e-3, 1e-2):
    set_seed(0)
    l = learner(nn.Sequential(nn.Flatten(), nn.Linear(64, 10)), digits().loaders(), metrics=[accuracy], cbs=track({str(root)!r}, {{'lr': lr}}, name=f'lr{{lr:g}}'))
    l.fit(2, lr)
"""
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]

@pytest.fixture
def board(tmp_path):
    runs = tmp_path/'runs'; write_runs(runs)
    port = free_port()
    tb = Path(sys.executable).parent/'tensorboard'
    url = f'http://127.0.0.1:{port}'
    with local_server([str(tb), '--logdir', str(runs), '--host', '127.0.0.1', '--port', str(port)], f'{url}/data/runs', what='TensorBoard'):
        yield url

def test_tensorboard_lists_the_runs_and_draws_a_chart(board):
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = b.new_page(viewport={'width': 1400, 'height': 900})
            page.goto(f'{board}/#timeseries', timeout=60_000)
            page.wait_for_selector('scalar-card line-chart', timeout=60_000)
            page.wait_for_timeout(2000)
            text = page.inner_text('body')
            page.screenshot(path=str(ARTIFACTS/'tensorboard.png'))
            assert 'lr0.001' in text and 'lr0.01' in text, "both runs are listed"
            assert page.locator("scalar-card").count() >= 1, "scalar cards are drawn (the page renders the visible ones)"
            assert 'accuracy' in text and 'valid_loss' in text
            assert page.locator('scalar-card line-chart canvas, scalar-card line-chart svg').count() >= 1, "a chart is drawn"
        finally: b.close()
