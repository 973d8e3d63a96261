"ProPublica's COMPAS table reproduced from the real file, fetched through the course's download path from a server on 127.0.0.1."
import functools, http.server, threading
from pathlib import Path
import pytest
from walk_with_dl.compas import (compas_propublica, load_compas, propublica_filter, error_rates, calibration_gap,
                                 compare_thresholds, synthetic_compas, COMPAS_FILE, COMPAS_SHA256)
from walk_with_dl.data import sha256sum

SHARED = Path(__file__).resolve().parents[2]/'shared'/'data'/COMPAS_FILE

@pytest.fixture(scope='module')
def compas_url():
    "Serve the shared copy's folder over HTTP on 127.0.0.1 from a thread; yield the file's URL"
    if not SHARED.exists(): pytest.skip(f"{SHARED} is not here (ProPublica's file sits in ../shared/data beside the checkout; the package downloads it, it is not shipped)")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args): pass
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(SHARED.parent)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{srv.server_port}/{COMPAS_FILE}'
    srv.shutdown(); srv.server_close()

@pytest.fixture(scope='module')
def real(compas_url, tmp_path_factory):
    cache = tmp_path_factory.mktemp('compas-cache')
    df = compas_propublica(url=compas_url, dest=cache)
    assert sha256sum(cache/COMPAS_FILE) == COMPAS_SHA256
    return df, cache

def test_download_is_verified_cached_and_then_used_offline(real, compas_url):
    df, cache = real
    assert df.shape == (7214, 53)
    got, source = load_compas(dest=cache)                  # a verified copy in the cache: used, nothing fetched
    assert source == 'propublica' and len(got) == 7214
    assert load_compas(dest=cache.parent/'empty')[1] == 'synthetic'

def test_propublica_published_table(real):
    "Among non-re-offenders 44.9% (Black) vs 23.5% (white) labelled higher risk; among re-offenders 28.0% vs 47.7% labelled low"
    r = error_rates(real[0]).round(2)
    assert r.n.tolist() == [3696, 2454]
    assert abs(r.FPR.iloc[0] - 44.9) < 0.06 and abs(r.FPR.iloc[1] - 23.5) < 0.06
    assert abs(r.FNR.iloc[0] - 28.0) < 0.06 and abs(r.FNR.iloc[1] - 47.7) < 0.06

def test_the_filtered_population_gives_slightly_different_rates(real):
    "ProPublica's regression filters (screening within 30 days, ...) leave 6,172 rows, on which the rates move by 1-3 points"
    f = propublica_filter(real[0])
    assert len(f) == 6172
    r = error_rates(f)
    assert abs(r.FPR.iloc[0] - 42.3) < 0.06 and abs(r.FPR.iloc[1] - 22.0) < 0.06
    assert abs(r.FNR.iloc[0] - 28.5) < 0.06 and abs(r.FNR.iloc[1] - 49.6) < 0.06

def test_real_score_is_calibrated_and_fpr_parity_costs_accuracy(real):
    df = real[0]
    assert calibration_gap(df) < 6                         # 3.4 points at the same decile
    costs = []
    for s in range(5):
        _, m = compare_thresholds(df, s)
        assert m.loc['ThresholdOptimizer (FPR parity)', 'FPR gap'] < 0.08 < m.loc['most accurate single threshold', 'FPR gap']
        costs.append(m.loc['most accurate single threshold', 'accuracy'] - m.loc['ThresholdOptimizer (FPR parity)', 'accuracy'])
    assert 0.005 < sum(costs) / 5 < 0.03                   # 0.9 to 2.0 points per split, mean 1.5

def test_synthetic_has_the_real_structure():
    df = synthetic_compas(seed=0)
    r = error_rates(df)
    assert r.base_rate.iloc[0] > r.base_rate.iloc[1] + 8 and r.FPR.iloc[0] > r.FPR.iloc[1] + 10
    assert calibration_gap(df) < 6
    with pytest.raises(ValueError, match='at least 100'): synthetic_compas(n=10)
