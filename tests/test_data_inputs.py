"Bad arguments to the data functions end in one line that says what was wrong and what to do."
import re
import numpy as np, pytest, torch
from walk_with_dl.data import digits, mnist28, spirals, function_data, sample_images, TensorLoader

CASES = [
    (digits, dict(seed=-1), ValueError, 'seed must be between 0 and 4294967295, got -1'),
    (digits, dict(seed=True), TypeError, 'seed must be an int, got True'),
    (digits, dict(seed=2**32), ValueError, 'seed must be between 0 and 4294967295'),
    (digits, dict(valid_pct=0.999), ValueError, 'valid_pct=0.999 splits 1797 examples into 1 for training and 1796 for validation; each part needs at least 10'),
    (digits, dict(valid_pct=0.001), ValueError, 'into 1795 for training and 2 for validation'),
    (digits, dict(valid_pct=0), ValueError, 'valid_pct must be a number between 0 and 1 (exclusive)'),
    (digits, dict(valid_pct=float('nan')), ValueError, 'valid_pct must be a number between 0 and 1'),
    (digits, dict(valid_pct='0.2'), ValueError, "got '0.2'"),
    (mnist28, dict(seed=-1), ValueError, 'seed must be between 0 and'),
    (spirals, dict(n_per_class=-3), ValueError, 'n_per_class must be at least 1, got -3'),
    (spirals, dict(n_per_class=2.5), TypeError, 'n_per_class must be an int, got 2.5'),
    (spirals, dict(n_classes=1), ValueError, 'n_classes must be at least 2, got 1'),
    (spirals, dict(noise=-0.1), ValueError, 'noise must be a number >= 0'),
    (spirals, dict(n_per_class=1), ValueError, 'each part needs at least 3 (one per class)'),
    (spirals, dict(seed=-1), ValueError, 'seed must be between 0 and'),
    (function_data, dict(n=-5), ValueError, 'n must be at least 2, got -5'),
    (function_data, dict(noise=float('nan')), ValueError, 'noise must be a number >= 0'),
    (function_data, dict(f='sine'), ValueError, 'use one of sin, cubic'),
    (sample_images, dict(size=0), ValueError, 'size must be at least 1, got 0'),
    (sample_images, dict(size=-4), ValueError, 'size must be at least 1, got -4'),
    (sample_images, dict(size=12.5), TypeError, 'size must be an int, got 12.5'),
]

@pytest.mark.parametrize('f,kw,exc,msg', CASES, ids=[f"{c[0].__name__}-{','.join(map(str, c[1].items()))}" for c in CASES])
def test_bad_input_is_one_line(f, kw, exc, msg):
    with pytest.raises(exc, match=re.escape(msg)) as e: f(**kw)
    assert '\n' not in str(e.value)

def test_numpy_ints_are_ints():
    assert digits(seed=np.int64(3)).x_train.shape == digits(seed=3).x_train.shape
    assert sample_images(size=np.int32(20))['china'].shape[1] == 20
    assert len(spirals(n_per_class=np.int64(10), valid_pct=0.3).y_train) == 21

def test_tensorloader_bad_input():
    x = torch.zeros(10, 2)
    with pytest.raises(ValueError, match='bs must be at least 1, got 0'): TensorLoader(x, bs=0)
    with pytest.raises(TypeError, match='bs must be an int'): TensorLoader(x, bs=2.5)
    with pytest.raises(ValueError, match='same first dimension'): TensorLoader(x, torch.zeros(9))
    with pytest.raises(ValueError, match='at least one tensor'): TensorLoader()
