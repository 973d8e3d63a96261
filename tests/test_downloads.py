"The download path, against an HTTP server on 127.0.0.1: real files, corrupted files, and no server at all."
import gzip, hashlib, shutil, socket, struct
from pathlib import Path
import numpy as np
import pytest
import torch
from walk_with_dl.data import tiny_shakespeare, mnist, download, read_idx, sha256sum, SHAKESPEARE_SHA256, MNIST_FILES
from loopback import serve_folder

SHARED = Path(__file__).resolve().parents[2]/'shared'/'data'
SHAKES = SHARED/'tinyshakespeare.txt'

@pytest.fixture
def shakespeare_folder(tmp_path):
    if not SHAKES.exists(): pytest.skip(f"{SHAKES} is not here (it sits in shared/data beside the checkout)")
    d = tmp_path/'srv'; d.mkdir(); shutil.copy(SHAKES, d/'input.txt')
    return d

def test_tiny_shakespeare_downloads_verifies_and_caches(shakespeare_folder, tmp_path):
    cache = tmp_path/'cache'
    with serve_folder(shakespeare_folder) as srv:
        text = tiny_shakespeare(url=f'{srv.url}/input.txt', dest=cache)
    assert len(text) == 1_115_394 and text.startswith('First Citizen:')
    assert sha256sum(cache/'tinyshakespeare.txt') == SHAKESPEARE_SHA256
    assert sorted(p.name for p in cache.iterdir()) == ['tinyshakespeare.txt']
    # the server is gone: the verified copy is reused, nothing is fetched
    assert tiny_shakespeare(url=f'{srv.url}/input.txt', dest=cache) == text

def test_default_cache_folder_comes_from_the_environment(shakespeare_folder, tmp_path, monkeypatch):
    monkeypatch.setenv('WWDL_DATA', str(tmp_path/'mine'))
    with serve_folder(shakespeare_folder) as srv: tiny_shakespeare(url=f'{srv.url}/input.txt')
    assert (tmp_path/'mine'/'tinyshakespeare.txt').exists()

def test_corrupted_download_is_rejected_and_leaves_nothing(shakespeare_folder, tmp_path):
    p = shakespeare_folder/'input.txt'
    p.write_bytes(p.read_bytes()[:-100] + b'X' * 100)          # same size, different bytes
    cache = tmp_path/'cache'
    with serve_folder(shakespeare_folder) as srv:
        with pytest.raises(ValueError, match='Checksum mismatch'): tiny_shakespeare(url=f'{srv.url}/input.txt', dest=cache)
    assert list(cache.iterdir()) == []

def test_a_corrupted_cached_file_is_replaced_by_a_good_download(shakespeare_folder, tmp_path):
    cache = tmp_path/'cache'; cache.mkdir()
    (cache/'tinyshakespeare.txt').write_text('half a file')
    with serve_folder(shakespeare_folder) as srv: text = tiny_shakespeare(url=f'{srv.url}/input.txt', dest=cache)
    assert len(text) == 1_115_394

def test_offline_error_names_the_embedded_alternative(tmp_path):
    s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close()   # a port nobody listens on
    with pytest.raises(ConnectionError, match=r'python_docs_text\(\)'):
        tiny_shakespeare(url=f'http://127.0.0.1:{port}/input.txt', dest=tmp_path)
    with pytest.raises(ConnectionError, match=r'digits\(\)'):
        mnist(url=f'http://127.0.0.1:{port}/', dest=tmp_path)
    assert list(tmp_path.iterdir()) == []

def write_idx(path, arr):
    with gzip.open(path, 'wb') as f: f.write(bytes([0, 0, 8, arr.ndim]) + struct.pack(f'>{arr.ndim}I', *arr.shape) + arr.astype(np.uint8).tobytes())

def test_mnist_reads_idx_files_it_downloads(tmp_path):
    srv_dir = tmp_path/'srv'; srv_dir.mkdir()
    rng = np.random.default_rng(1)
    arrs = {'train-images-idx3-ubyte.gz': rng.integers(0, 256, (6, 28, 28)), 'train-labels-idx1-ubyte.gz': rng.integers(0, 10, 6),
            't10k-images-idx3-ubyte.gz': rng.integers(0, 256, (3, 28, 28)), 't10k-labels-idx1-ubyte.gz': rng.integers(0, 10, 3)}
    for fn, a in arrs.items(): write_idx(srv_dir/fn, a)
    files = {fn: sha256sum(srv_dir/fn) for fn in arrs}
    with serve_folder(srv_dir) as srv:
        d = mnist(url=srv.url, dest=tmp_path/'cache', files=files)
        assert d.x_train.shape == (6, 1, 28, 28) and d.x_valid.shape == (3, 1, 28, 28)
        assert torch.equal((d.x_train[:, 0]*255).round().to(torch.uint8), torch.from_numpy(arrs['train-images-idx3-ubyte.gz'].astype(np.uint8)))
        assert d.y_valid.tolist() == arrs['t10k-labels-idx1-ubyte.gz'].tolist()
        # the same files do not pass MNIST's real checksums
        with pytest.raises(ValueError, match='Checksum mismatch'): mnist(url=srv.url, dest=tmp_path/'real')
    assert not (tmp_path/'real').exists() or list((tmp_path/'real').iterdir()) == []

def test_read_idx_rejects_bad_files(tmp_path):
    (tmp_path/'x.idx').write_bytes(b'PK\x03\x04 not an idx file')
    with pytest.raises(ValueError, match='not an IDX file'): read_idx(tmp_path/'x.idx')
    (tmp_path/'t.idx').write_bytes(bytes([0, 0, 8, 1]) + struct.pack('>I', 10) + b'\x01\x02')
    with pytest.raises(ValueError, match='truncated'): read_idx(tmp_path/'t.idx')

def test_mnist_checksums_are_sha256():
    assert len(MNIST_FILES) == 4 and all(len(h) == 64 and int(h, 16) >= 0 for h in MNIST_FILES.values())

def test_tests_cannot_reach_the_internet():
    with pytest.raises(OSError, match='only loopback'):
        socket.create_connection(('8.8.8.8', 53), timeout=1)

# ---- servers that misbehave on purpose: nothing broken is ever kept, and the error says what happened ----
import json, time
import loopback as lb

GOOD = hashlib.sha256(lb.BODY).hexdigest()

@pytest.mark.parametrize('handler,sha', [(lb.Truncating, None), (lb.Truncating, GOOD)])
def test_connection_closed_early_is_an_interruption(handler, sha, tmp_path):
    with serve_folder(tmp_path, handler) as srv:
        with pytest.raises(ConnectionError, match=r'interrupted after 300 of 1,024 bytes .*run again'):
            download(f'{srv.url}/f.bin', 'f.bin', sha, dest=tmp_path/'cache')
    assert list((tmp_path/'cache').iterdir()) == []            # nothing cached, nothing half-written

def test_chunked_body_that_stops_is_an_interruption(tmp_path):
    with serve_folder(tmp_path, lb.ChunkedThenClose) as srv:
        with pytest.raises(ConnectionError, match=r'interrupted after [\d,]+ bytes \(IncompleteRead\)'):
            download(f'{srv.url}/f.bin', 'f.bin', None, dest=tmp_path/'cache')
    assert list((tmp_path/'cache').iterdir()) == []

def test_stalled_body_times_out_as_an_interruption(tmp_path):
    t0 = time.monotonic()
    with serve_folder(tmp_path, lb.StallBody) as srv:
        with pytest.raises(ConnectionError, match=r'interrupted after 100 of 1,024 bytes \(timed out\)'):
            download(f'{srv.url}/f.bin', 'f.bin', GOOD, dest=tmp_path/'cache', timeout=1)
    assert time.monotonic() - t0 < 10 and list((tmp_path/'cache').iterdir()) == []

def test_server_that_never_answers_is_a_connection_error(tmp_path):
    with serve_folder(tmp_path, lb.StallHeaders) as srv:
        with pytest.raises(ConnectionError, match=r'Could not download .*timed out.*digits\(\)'):
            download(f'{srv.url}/f.bin', 'f.bin', GOOD, dest=tmp_path/'cache', timeout=1, alternative='digits()')

def test_cut_short_without_length_fails_the_checksum_and_says_it_may_be_cut_short(tmp_path):
    with serve_folder(tmp_path, lb.NoLengthThenClose) as srv:
        with pytest.raises(ValueError, match=r'Checksum mismatch .*\(300 bytes\).*cut short'):
            download(f'{srv.url}/f.bin', 'f.bin', GOOD, dest=tmp_path/'cache')
    assert list((tmp_path/'cache').iterdir()) == []

def test_unverified_cache_is_reused_only_while_it_matches_its_record(tmp_path):
    cache = tmp_path/'cache'
    with serve_folder(tmp_path, lb.Whole) as srv:
        p = download(f'{srv.url}/f.bin', 'f.bin', None, dest=cache)
        assert p.read_bytes() == lb.BODY
        rec = json.loads((cache/'.f.bin.wwdl.json').read_text())
        assert rec['bytes'] == 1024 and rec['sha256'] == GOOD
        p.write_bytes(lb.BODY[:300])                                   # someone truncated it
        assert download(f'{srv.url}/f.bin', 'f.bin', None, dest=cache).read_bytes() == lb.BODY   # fetched again
    # no server: a file that matches its record is reused
    assert download(f'{srv.url}/f.bin', 'f.bin', None, dest=cache).read_bytes() == lb.BODY
    # a file with no record and no checksum is never trusted
    (cache/'g.bin').write_bytes(b'who knows'); 
    with pytest.raises(ConnectionError, match='Could not download'): download(f'{srv.url}/g.bin', 'g.bin', None, dest=cache)

def test_pre_fix_failure_truncated_file_was_cached_forever(tmp_path):
    "The old behaviour, for the record: a 300-byte body announced as 1,024 is never returned as a file"
    with serve_folder(tmp_path, lb.Truncating) as srv:
        for _ in range(2):
            with pytest.raises(ConnectionError): download(f'{srv.url}/f.bin', 'f.bin', None, dest=tmp_path/'c')
    assert not (tmp_path/'c'/'f.bin').exists()

@pytest.mark.parametrize('setup,match', [
    (lambda t: (t/'file').write_text('x') and dict(dest=t/'file'), r'dest .*file is not usable: .*file is a file, not a folder; pass dest='),
    (lambda t: (t/'file').write_text('x') and dict(dest=t/'file'/'sub'), r'dest .*sub is not usable: .*file is a file'),
    (lambda t: dict(dest=Path('/sys/wwdl-test')), r'dest /sys/wwdl-test is not writable \(.+\); pass dest='),
])
def test_bad_dest_is_one_line(setup, match, tmp_path):
    with pytest.raises(OSError, match=match): download('http://127.0.0.1:9/f', 'f', None, **setup(tmp_path))

def test_bad_wwdl_data_is_named(tmp_path, monkeypatch):
    (tmp_path/'file').write_text('x')
    monkeypatch.setenv('WWDL_DATA', str(tmp_path/'file'))
    with pytest.raises(NotADirectoryError, match=r'^WWDL_DATA .*file is not usable: .* set WWDL_DATA to a folder'):
        download('http://127.0.0.1:9/f', 'f', None)
    monkeypatch.setenv('WWDL_DATA', '/sys/wwdl-test')
    with pytest.raises(PermissionError, match=r'^WWDL_DATA /sys/wwdl-test is not writable'): tiny_shakespeare(url='http://127.0.0.1:9/f')
