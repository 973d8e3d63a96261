"A lesson in real JupyterLab in a real browser: Run All Cells, and the widgets render as widgets."
import os, shutil, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent

from loopback import CHROMIUM, CHROMIUM_ARGS as ARGS, HAVE_CHROMIUM, free_port, local_server

pytestmark = pytest.mark.skipif(not HAVE_CHROMIUM, reason="needs Debian's chromium (apt-get install chromium)")

@pytest.fixture
def lab(tmp_path):
    "JupyterLab on 127.0.0.1 serving a copy of lesson 02"
    shutil.copy(ROOT/'nbs'/'02_neural_nets.ipynb', tmp_path)
    port, token = free_port(), 'wwdl-test'
    jupyter = Path(sys.executable).parent/'jupyter'
    env = {k: v for k, v in os.environ.items() if k != 'MPLBACKEND'}   # the kernel's own inline backend draws the plots
    env = {**env, 'JUPYTER_CONFIG_DIR': str(tmp_path/'.jupyter'), 'JUPYTER_RUNTIME_DIR': str(tmp_path/'.runtime')}
    cmd = [str(jupyter), 'lab', '--allow-root', '--no-browser', f'--ServerApp.token={token}', '--port', str(port),
           '--ip', '127.0.0.1', f'--ServerApp.root_dir={tmp_path}', '--LabApp.news_url=', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate']
    url = f'http://127.0.0.1:{port}'
    with local_server(cmd, f'{url}/api/status?token={token}', env=env, what='JupyterLab'):
        yield url, token, tmp_path

def test_lesson_runs_in_jupyterlab_with_live_widgets(lab):
    from playwright.sync_api import sync_playwright, TimeoutError as PlaywrightTimeout
    url, token, folder = lab
    with sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(str(folder/'.chromium'), executable_path=CHROMIUM, args=ARGS,
                                                       viewport={'width': 1400, 'height': 1000})
        page = browser.new_page()
        page.goto(f'{url}/lab/tree/02_neural_nets.ipynb?token={token}')
        page.wait_for_selector('.jp-Notebook .jp-Cell', timeout=90_000)
        page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=90_000)
        try:   # a first start may ask which kernel to use: the one offered, Python 3, is right
            page.wait_for_selector('.jp-Dialog button:has-text("Select")', timeout=15_000).click()
            page.wait_for_selector('.jp-Dialog', state='detached', timeout=15_000)
        except PlaywrightTimeout: pass
        page.click('.lm-MenuBar-itemLabel:text-is("Run")')
        page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
        try:
            # the activation explorer renders as a live widget: sliders and a dropdown, not a text repr
            page.wait_for_selector('.widget-slider', state='attached', timeout=240_000)
            # the last exercise check runs once everything above it has
            page.wait_for_selector('.jp-OutputArea-output:has-text("momentum_step: right!")', state='attached', timeout=240_000)
        finally: page.screenshot(path=str(folder/'lab.png'))
        text = page.inner_text('.jp-Notebook')
        assert 'Traceback' not in text and 'AssertionError' not in text
        n_img = page.locator('.jp-RenderedImage').count()
        assert n_img >= 5, f'plots should render as images, found {n_img} ({page.locator("img").count()} img tags)'
        assert 'interactive(children=' not in text, 'widgets showed as text: the ipywidgets extension is missing'
        browser.close()
