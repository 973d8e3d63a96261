"The embedded 28×28 digits: the shipped file is the recorded one, and mnist28() gives what it promises"
import hashlib, re
from pathlib import Path
import numpy as np, pytest, torch
import walk_with_dl
from walk_with_dl.data import mnist28, MNIST28_SHA256, _mnist28_file

DATA = Path(walk_with_dl.__file__).parent/'_data'

def test_file_hash_matches_module_and_provenance():
    got = hashlib.sha256((DATA/'mnist28.npz').read_bytes()).hexdigest()
    assert got == MNIST28_SHA256
    prov = (DATA/'PROVENANCE.md').read_text()
    assert MNIST28_SHA256 in prov
    for must in ('1.1.0', 'MIT', 'CC BY-SA 3.0', 'tools/mnist28_from_npm.py'): assert must in prov, must
    assert _mnist28_file() == DATA/'mnist28.npz'

def test_contents():
    with np.load(DATA/'mnist28.npz', allow_pickle=False) as z: ims, labels = z['images'], z['labels']
    assert ims.shape == (10000, 28, 28) and ims.dtype == np.uint8 and labels.dtype == np.uint8
    assert np.bincount(labels).tolist() == [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]

def test_split():
    s = mnist28()
    assert s.x_train.shape == (8000, 1, 28, 28) and s.x_valid.shape == (2000, 1, 28, 28)
    assert s.x_train.dtype == torch.float32 and float(s.x_train.min()) == 0. and float(s.x_train.max()) == 1.
    assert s.classes == [str(i) for i in range(10)]
    # stratified: each class's share in valid is within one example of its share overall
    tot = torch.bincount(torch.cat([s.y_train, s.y_valid]), minlength=10).float()
    assert (torch.bincount(s.y_valid, minlength=10) - tot*0.2).abs().max() <= 1
    assert torch.equal(mnist28().y_valid, s.y_valid)                   # fixed
    assert not torch.equal(mnist28(seed=1).y_valid, s.y_valid)         # the seed matters
    assert mnist28(flat=True).x_valid.shape == (2000, 784)
    assert mnist28(valid_pct=0.1).x_valid.shape[0] == 1000

@pytest.mark.parametrize('kw,exc,msg', [
    (dict(seed=-1), ValueError, 'seed must be between 0 and'),
    (dict(seed=True), TypeError, 'seed must be an int'),
    (dict(seed=1.5), TypeError, 'seed must be an int'),
    (dict(valid_pct=0.9999), ValueError, 'each part needs at least 10'),
    (dict(valid_pct=1), ValueError, 'valid_pct must be a number between 0 and 1'),
])
def test_bad_inputs(kw, exc, msg):
    with pytest.raises(exc, match=re.escape(msg)): mnist28(**kw)

def test_damaged_file_is_refused(tmp_path, monkeypatch):
    import walk_with_dl.data as data
    bad = tmp_path/'mnist28.npz'; bad.write_bytes((DATA/'mnist28.npz').read_bytes()[:-10])
    monkeypatch.setattr(data, '_mnist28_file', lambda: bad); data._mnist28_arrays.cache_clear()
    try:
        with pytest.raises(ValueError, match='is damaged .* reinstall walk-with-dl'): data.mnist28()
        bad.unlink()
        with pytest.raises(FileNotFoundError, match='is missing: reinstall'): data.mnist28()
    finally: data._mnist28_arrays.cache_clear()
