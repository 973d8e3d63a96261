"""The measurement behind `wwdl run`'s one-thread policy: 60 Adam steps of a small CNN on the 28×28 digits.

    python tools/thread_policy.py 1     # prints threads, wall seconds and CPU seconds
    python tools/thread_policy.py 2

Run both on the machine in question, as it is and with two busy processes beside it
(`python -c "while True: pass" &` twice). On a shared 2-core machine one thread used 0.5 s of CPU and
two threads 10.6 to 13.3 s for the same steps: PyTorch's threads spin while they wait for each other.
"""
import os, sys, time
n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
os.environ['OMP_NUM_THREADS'] = str(n)
import torch, torch.nn as nn, torch.nn.functional as F
from walk_with_dl.data import mnist28

torch.set_num_threads(n)
d = mnist28(); torch.manual_seed(0)
m = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Flatten(), nn.Linear(32*7*7, 10))
opt = torch.optim.Adam(m.parameters(), 1e-3)

def step(i):
    xb, yb = d.x_train[i*64 % 7936:][:64], d.y_train[i*64 % 7936:][:64]
    loss = F.cross_entropy(m(xb), yb); opt.zero_grad(); loss.backward(); opt.step()

for i in range(5): step(i)   # warm-up
t0, c0 = time.perf_counter(), time.process_time()
for i in range(60): step(i)
print(f"threads={n} wall={time.perf_counter()-t0:.2f} cpu={time.process_time()-c0:.2f} load={os.getloadavg()[0]:.1f}")
