"TensorLoader inside fastai: a plain `DataLoaders(train, valid)` trains a Learner and gives predictions in order."
import torch, torch.nn.functional as F
from walk_with_dl.data import digits, TensorLoader
from walk_with_dl.core import set_seed
from walk_with_dl.neural_nets import mlp

def test_tensorloader_in_a_fastai_learner():
    from fastai.basics import Learner, DataLoaders
    import fastai.callback.progress  # noqa: F401  (Learner.no_bar)
    d = digits(flat=True)
    dls = DataLoaders(TensorLoader(d.x_train, d.y_train, bs=64, shuffle=True), TensorLoader(d.x_valid, d.y_valid, bs=128))
    set_seed(0)
    learn = Learner(dls, mlp([64, 128, 10]), loss_func=F.cross_entropy)
    with learn.no_bar(), learn.no_logging(): learn.fit(3, 3e-3)
    preds, targs = learn.get_preds()
    assert preds.shape == (360, 10) and torch.equal(targs, d.y_valid)
    assert (preds.argmax(1) == targs).float().mean() > 0.9

# ---- TensorLoader.to: the whole split moves to the device once when it fits, else batch by batch ----
import pytest
import walk_with_dl.data as data

def test_to_keeps_small_data_resident(monkeypatch):
    d = digits(flat=True)
    monkeypatch.setattr(data, '_free_bytes', lambda dev: 10**9)      # plenty of room on the "accelerator"
    tl = TensorLoader(d.x_train, d.y_train, bs=64, shuffle=True).to('meta')
    assert tl.resident and all(t.device.type == 'meta' for t in tl.tensors) and 'resident' in repr(tl)
    xb, yb = tl.one_batch()
    assert xb.device.type == 'meta' and xb.shape == (64, 64)
    assert tl.new(shuffle=False).resident                              # get_preds' copy stays on the device

def test_to_moves_batch_by_batch_when_it_does_not_fit(monkeypatch):
    d = digits(flat=True)
    monkeypatch.setattr(data, '_free_bytes', lambda dev: 1000)        # 1 kB free: the data cannot stay there
    tl = TensorLoader(d.x_train, d.y_train, bs=64).to('meta')
    assert not tl.resident and tl.tensors[0].device.type == 'cpu' and 'per batch' in repr(tl)
    assert tl.one_batch()[0].device.type == 'meta'
    assert TensorLoader(d.x_train, bs=64).to('meta', keep=True).resident     # keep=True forces it
    monkeypatch.setattr(data, '_free_bytes', lambda dev: None)        # unknown free memory: per batch
    assert not TensorLoader(d.x_train, bs=64).to('meta').resident

def test_fastai_dataloaders_move_the_split(monkeypatch):
    monkeypatch.setattr(data, '_free_bytes', lambda dev: 10**9)
    d = digits()
    dls = d.loaders(bs=32, device='meta')
    assert dls.train.resident and dls.valid.resident and dls.train.one_batch()[0].device.type == 'meta'

@pytest.mark.skipif(not torch.cuda.is_available(), reason='needs a CUDA GPU')
def test_cuda_resident_and_trains():
    from fastai.basics import Learner
    d = digits(flat=True)
    dls = d.loaders(bs=64, device='cuda')
    assert dls.train.resident and dls.train.tensors[0].is_cuda
    set_seed(0)
    learn = Learner(dls, mlp([64, 128, 10]), loss_func=F.cross_entropy)
    import fastai.callback.progress  # noqa: F401  (Learner.no_bar)
    with learn.no_bar(), learn.no_logging(): learn.fit(3, 3e-3)
    preds, targs = learn.get_preds()
    assert (preds.argmax(1).cpu() == targs.cpu()).float().mean() > 0.9
