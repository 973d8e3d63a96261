"Lesson 13's GPT is GPT-2: its weights in Hugging Face's GPT2LMHeadModel (built from a config, nothing downloaded) give the same logits."
import logging
import pytest, torch
from walk_with_dl.transformers import GPT, GPTConfig, to_gpt2, generate

logging.getLogger('torchao').setLevel(logging.ERROR)

def _gpt(seed=0, **kw):
    "A GPT whose every weight (biases and layer norms included) is random, so no layout mistake hides behind zeros and ones"
    torch.manual_seed(seed)
    m = GPT(GPTConfig(**{**dict(vocab_size=37, block_size=16, d_model=32, n_heads=4, n_layers=2), **kw}))
    with torch.no_grad():
        for p in m.parameters(): p.add_(0.1 * torch.randn_like(p))
    return m.eval()

@pytest.mark.parametrize('kw', [{}, dict(n_layers=3, n_heads=2), dict(d_model=48, n_heads=8, block_size=9)])
def test_logits_equal(kw):
    m = _gpt(**kw); hf = to_gpt2(m)
    ids = torch.randint(0, m.config.vocab_size, (3, m.config.block_size), generator=torch.Generator().manual_seed(1))
    with torch.no_grad(): ours, theirs = m(ids), hf(input_ids=ids).logits
    assert (ours - theirs).abs().max().item() < 1e-4

def test_wrong_gelu_differs():
    m = _gpt(); ids = torch.randint(0, 37, (2, 16), generator=torch.Generator().manual_seed(2))
    with torch.no_grad(): d = (m(ids) - to_gpt2(m, activation_function='gelu')(input_ids=ids).logits).abs().max().item()
    assert d > 1e-4

def test_greedy_generation_agrees():
    m, chars = _gpt(), [chr(ord('a') + i) for i in range(26)] + list('0123456789 ')
    from walk_with_dl.text import Vocab
    v = Vocab(''.join(chars), order='alpha'); hf = to_gpt2(m)
    prompt = v.encode('hello')[None]
    with torch.no_grad(): out = hf.generate(prompt, max_new_tokens=11, do_sample=False, pad_token_id=0)
    ours = generate(m, v, 'hello', n=11, temperature=1e-6, seed=0)          # near-greedy
    assert v.decode(out[0]) == ours

def test_to_gpt2_wants_a_gpt():
    with pytest.raises(TypeError, match='to_gpt2 wants a GPT'): to_gpt2(torch.nn.Linear(2, 2))
