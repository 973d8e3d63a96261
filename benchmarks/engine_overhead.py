"""What the training loop itself costs: a hand-written loop, the course's `fit` and fastai's `Learner` (through
`walk_with_dl.training.learner`) train the same model on the same TensorLoader batches of the 8×8 digits.

Run: `python benchmarks/engine_overhead.py [--repeats 5] [--epochs 5]`. One thread (the loops' own cost shows,
and the timings jitter less); each round times the three loops back to back, and the figures are medians over
rounds. Also times the Learner fed by fastai's own DataLoader instead of TensorLoader. Prints, for the digits MLP and the digits CNN, seconds per epoch, milliseconds per batch and each loop's
ratio to the hand-written one.
"""
import argparse, statistics, time
import torch
from torch import nn
import torch.nn.functional as F
from fastai.optimizer import OptimWrapper
from walk_with_dl.core import set_seed
from walk_with_dl.data import digits
from walk_with_dl.training import fit, accuracy, learner

def mlp_model(): return nn.Sequential(nn.Flatten(), nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
def cnn_model():
    return nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
                         nn.Conv2d(32, 64, 3, padding=1, stride=2), nn.BatchNorm2d(64), nn.ReLU(),   # 8×8 -> 4×4
                         nn.Conv2d(64, 128, 3, padding=1, stride=2), nn.BatchNorm2d(128), nn.ReLU(), # 4×4 -> 2×2
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 10))

def hand(model, dls, epochs):
    "The loop lesson 03 writes by hand: train, track the loss, then validation loss and accuracy each epoch"
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(epochs):
        model.train(); tot, n = 0., 0
        for xb, yb in dls.train:
            loss = F.cross_entropy(model(xb), yb); loss.backward(); opt.step(); opt.zero_grad()
            tot += loss.detach() * len(xb); n += len(xb)
        model.eval(); vl, va = 0., 0.
        with torch.no_grad():
            for xb, yb in dls.valid:
                o = model(xb); vl += F.cross_entropy(o, yb, reduction='sum'); va += (o.argmax(1) == yb).sum()
        float(tot), float(vl), float(va)

def course_fit(model, dls, epochs): fit(model, dls.train, dls.valid, F.cross_entropy, epochs=epochs, lr=1e-3, metrics=[accuracy])

def fastai_learner(model, dls, epochs):
    learn = learner(model, dls, metrics=[accuracy], opt_func=lambda p, lr: OptimWrapper(p, torch.optim.Adam, lr=lr), lr=1e-3)
    learn.fit(epochs)

def fastai_learner_fastai_loader(model, dls, epochs):
    "The same Learner fed by fastai's own DataLoader (item-by-item collation) over the same tensors"
    from torch.utils.data import TensorDataset
    from fastai.data.core import DataLoaders
    t, v = dls.train, dls.valid
    fdls = DataLoaders.from_dsets(TensorDataset(*t.tensors), TensorDataset(*v.tensors), bs=t.bs, device=t.device or 'cpu')
    fastai_learner(model, fdls, epochs)

LOOPS = {'hand-written loop': hand, 'course fit': course_fit, 'fastai Learner': fastai_learner,
         'Learner + fastai DataLoader': fastai_learner_fastai_loader}

def bench(make, dls, epochs, repeats):
    times = {k: [] for k in LOOPS}
    for _ in range(repeats + 1):                      # the first round warms up and is dropped
        for k, loop in LOOPS.items():
            set_seed(0); m = make()
            t0 = time.perf_counter(); loop(m, dls, epochs); times[k].append(time.perf_counter() - t0)
    return {k: v[1:] for k, v in times.items()}

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--repeats', type=int, default=5); ap.add_argument('--epochs', type=int, default=5)
    a = ap.parse_args(argv)
    torch.set_num_threads(1)
    for name, make, flat in (('digits MLP', mlp_model, False), ('digits CNN', cnn_model, False)):
        dls = digits(flat=flat).loaders(bs=64)
        n_batches = a.epochs * (len(dls.train) + len(dls.valid))
        t = bench(make, dls, a.epochs, a.repeats)
        base = t['hand-written loop']
        print(f"{name}: {a.epochs} epochs, {len(dls.train)} train + {len(dls.valid)} valid batches an epoch, median of {a.repeats} rounds, 1 thread")
        for k, v in t.items():
            ratio = statistics.median(x / b for x, b in zip(v, base))
            print(f"  {k:<28} {statistics.median(v)/a.epochs:6.3f} s/epoch  {statistics.median(v)/n_batches*1e3:6.2f} ms/batch  {ratio:4.2f}x")

if __name__ == '__main__': main()
