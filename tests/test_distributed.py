"DDP and tensor parallelism outside the notebooks: 2 real processes on 127.0.0.1, bounded in time, nothing left running"
import os, time
from pathlib import Path
import pytest
import torch
import torch.nn.functional as F
from torch import nn
from walk_with_dl.distributed import launch, torchrun, free_port, tensor_parallel_mlp

DDP_STEPS = '''
import os, torch, torch.distributed as dist, torch.nn.functional as F
from contextlib import nullcontext
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP
from walk_with_dl.distributed import script_params, save_result
p = script_params()
dist.init_process_group('gloo')
rank = dist.get_rank()
def train(sync):
    torch.manual_seed(rank)                               # DDP must copy rank 0's weights
    model = DDP(nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3)))
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for xb, yb in zip(p['x'][rank], p['y'][rank]):        # this rank's batches
        with nullcontext() if sync else model.no_sync(): F.cross_entropy(model(xb), yb).backward()
        opt.step(); opt.zero_grad()
    return model.module.state_dict()
save_result(dict(synced=train(True), unsynced=train(False)))
dist.destroy_process_group()
os._exit(0)          # skip Python's teardown, where gloo's threads can abort the process (see lesson 16a)
'''

def _alive(marker: str) -> list:
    "PIDs of processes whose command line mentions `marker`"
    pids = []
    for d in Path('/proc').iterdir():
        if d.name.isdigit():
            try: cmd = (d/'cmdline').read_bytes().replace(b'\0', b' ').decode(errors='ignore')
            except OSError: continue
            if marker in cmd: pids.append(int(d.name))
    return pids

def _max_diff(a, b): return max((a[k] - b[k]).abs().max().item() for k in a)

def test_ddp_equals_one_process_on_concatenated_batches():
    g = torch.Generator().manual_seed(0)
    x, y = torch.randn(2, 5, 4, 8, generator=g), torch.randint(0, 3, (2, 5, 4), generator=g)   # rank × step × batch
    t0 = time.perf_counter()
    ranks = launch(DDP_STEPS, nproc=2, timeout=240, x=x, y=y)
    assert time.perf_counter() - t0 < 240
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3))
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for k in range(5):
        F.cross_entropy(model(torch.cat([x[0, k], x[1, k]])), torch.cat([y[0, k], y[1, k]])).backward()
        opt.step(); opt.zero_grad()
    ref = model.state_dict()
    assert all(_max_diff(r['synced'], ref) < 1e-5 for r in ranks)
    assert all(_max_diff(r['unsynced'], ref) > 1e-3 for r in ranks)       # without the all-reduce they drift

def test_timeout_stops_every_process(tmp_path):
    script = tmp_path/'sleepy_wwdl_test.py'
    script.write_text('import time\ntime.sleep(120)\n')
    t0 = time.perf_counter()
    with pytest.raises(TimeoutError, match='did not finish'): torchrun(script, nproc=2, timeout=8)
    assert time.perf_counter() - t0 < 60                                   # stopped, not waited for
    for _ in range(50):
        if not _alive(str(script)): break
        time.sleep(0.1)
    assert _alive(str(script)) == []

def test_failure_reports_the_error_and_cleans_up(tmp_path):
    script = tmp_path/'failing_wwdl_test.py'
    script.write_text('import os\nif os.environ["RANK"] == "1": raise ValueError("boom from rank 1")\nimport time; time.sleep(60)\n')
    with pytest.raises(RuntimeError, match='boom from rank 1'): torchrun(script, nproc=2, timeout=120)
    time.sleep(0.5)
    assert _alive(str(script)) == []

def test_free_port_is_on_loopback_and_free():
    import socket
    port = free_port()
    with socket.socket() as s: s.bind(('127.0.0.1', port))                  # nobody holds it

def test_tensor_parallel_shares_add_up_to_the_unsplit_mlp():
    torch.manual_seed(0)
    full = nn.Sequential(nn.Linear(6, 8), nn.GELU(), nn.Linear(8, 6))
    x = torch.randn(3, 6)
    parts = [tensor_parallel_mlp(full, r, 2)(x) for r in (0, 1)]           # no process group: partial outputs
    assert torch.allclose(parts[0] + parts[1] - full[2].bias, full(x), atol=1e-6)
