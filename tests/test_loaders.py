"TensorLoader inside fastai: a plain `DataLoaders(train, valid)` trains a Learner and gives predictions in order."
import torch, torch.nn.functional as F
from walk_with_dl.data import digits, TensorLoader
from walk_with_dl.core import set_seed
from walk_with_dl.neural_nets import mlp

def test_tensorloader_in_a_fastai_learner():
    from fastai.basics import Learner, DataLoaders
    import fastai.callback.progress  # Learner.no_bar
    d = digits(flat=True)
    dls = DataLoaders(TensorLoader(d.x_train, d.y_train, bs=64, shuffle=True), TensorLoader(d.x_valid, d.y_valid, bs=128))
    set_seed(0)
    learn = Learner(dls, mlp([64, 128, 10]), loss_func=F.cross_entropy)
    with learn.no_bar(), learn.no_logging(): learn.fit(3, 3e-3)
    preds, targs = learn.get_preds()
    assert preds.shape == (360, 10) and torch.equal(targs, d.y_valid)
    assert (preds.argmax(1) == targs).float().mean() > 0.9
