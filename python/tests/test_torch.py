"""grokscope.torch: norms, the tail after a named layer, and Monitor.log. Skipped without PyTorch."""

import json

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="PyTorch is not installed: `make test-torch` installs it and runs these")
from torch import nn  # noqa: E402

import grokscope  # noqa: E402
import grokscope.torch as gt  # noqa: E402


class Grokker(nn.Module):
    """The paper's net in PyTorch: concatenated embeddings, then an MLP."""

    def __init__(self, p=11, emb=8, hidden=16):
        super().__init__()
        self.embed = nn.Embedding(p, emb)
        self.mlp = nn.Sequential(nn.Linear(2 * emb, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                                 nn.Linear(hidden, p))

    def forward(self, x):
        return self.mlp(self.embed(x).flatten(1))


class Residual(Grokker):
    def forward(self, x):
        h = self.mlp[1](self.mlp[0](self.embed(x).flatten(1)))
        return self.mlp[4](self.mlp[3](self.mlp[2](h)) + h)  # a skip connection the tail cannot see


@pytest.fixture
def setup():
    torch.manual_seed(0)
    model = Grokker()
    a, b = torch.meshgrid(torch.arange(11), torch.arange(11), indexing="ij")
    x = torch.stack([a.flatten(), b.flatten()], dim=1)
    return model, x, (x[:, 0] + x[:, 1]) % 11


def numpy_tail(model):
    linear = [model.mlp[0], model.mlp[2], model.mlp[4]]
    return grokscope.Tail.mlp([(m.weight.detach().double().numpy(), m.bias.detach().double().numpy())
                               for m in linear[1:]], "silu")


def test_l2_norms_total_and_per_group(setup):
    model, _, _ = setup
    norms = gt.l2_norms(model)
    every = torch.cat([p.detach().double().flatten() for p in model.parameters()])
    assert norms["l2"] == pytest.approx(float(every.norm()), rel=1e-12)
    assert set(norms) == {"l2", "l2/embed", "l2/mlp"}
    assert norms["l2/embed"] == pytest.approx(float(model.embed.weight.detach().double().norm()), rel=1e-12)
    assert norms["l2"] ** 2 == pytest.approx(norms["l2/embed"] ** 2 + norms["l2/mlp"] ** 2, rel=1e-12)
    assert "l2/mlp.0" in gt.l2_norms(model, depth=2)


def test_capture_returns_the_named_layers_output(setup):
    model, x, _ = setup
    h = gt.capture(model, "mlp.1", x[:5])
    expected = model.mlp[1](model.mlp[0](model.embed(x[:5]).flatten(1)))
    torch.testing.assert_close(h, expected.detach())
    with pytest.raises(ValueError, match="no module named 'mlp.9'"):
        gt.capture(model, "mlp.9", x)


def test_tail_is_the_rest_of_the_sequential_and_enters_after_its_linear(setup):
    model, x, _ = setup
    modules = gt.tail_modules(model, "mlp.1")
    assert modules == [model.mlp[2], model.mlp[3], model.mlp[4]]
    tail = gt.tail_after(model, "mlp.1", x)
    assert tail.first_is_affine
    h = gt.capture(model, "mlp.1", x).double().numpy()
    np.testing.assert_allclose(tail(h), model(x).detach().double().numpy(), rtol=1e-5, atol=1e-5)


def test_torch_lmn_equals_the_numpy_lmn_of_the_same_weights(setup):
    model, x, _ = setup
    probes = x[grokscope.probe_indices(40, len(x), seed=0)]
    h = gt.capture(model, "mlp.1", probes).double().numpy()
    expected = grokscope.naive(numpy_tail(model), h).value
    assert gt.lmn(model, "mlp.1", probes) == pytest.approx(expected, rel=1e-10)
    assert expected > 1.0


def test_a_linear_silu_stack_on_the_cpu_takes_the_numpy_fast_path(setup):
    model, x, _ = setup
    tail = gt.tail_after(model, "mlp.1", x)
    assert hasattr(tail, "segments")  # Linear, SiLU, Linear on the CPU
    h = gt.capture(model, "mlp.1", x[:30]).double().numpy()
    np.testing.assert_allclose(tail.numpy_tail()(h), tail(h), rtol=1e-13, atol=1e-13)
    assert grokscope.lmn(tail, h) == pytest.approx(grokscope.naive(tail, h).value, rel=1e-12)
    # Negative: a module numpy does not reproduce keeps the torch path.
    other = gt.TorchTail([nn.Linear(16, 16), nn.LayerNorm(16), nn.Linear(16, 11)], torch.device("cpu"))
    assert other.numpy_tail() is None and not hasattr(other, "segments")
    gelu = gt.TorchTail([nn.Linear(16, 16), nn.GELU(), nn.Linear(16, 11)], torch.device("cpu"))
    assert not hasattr(gelu, "segments")
    assert grokscope.lmn(gelu, h) == pytest.approx(grokscope.naive(gelu, h).value, rel=1e-12)


def test_a_forward_the_tail_cannot_reproduce_is_refused(setup):
    model, x, _ = setup
    residual = Residual()
    residual.load_state_dict(model.state_dict())
    with pytest.raises(ValueError, match="does not reproduce"):
        gt.tail_after(residual, "mlp.1", x)
    gt.tail_after(model, "mlp.1", x)  # the plain model passes the same check


def test_monitor_logs_loss_accuracy_norms_and_lmn_every_k_steps(setup, tmp_path):
    model, x, y = setup
    path = tmp_path / "run.ndjson"
    with grokscope.Run(path, name="torch", probe_size=30) as run:
        monitor = gt.Monitor(run, layer="mlp.1", probe_inputs=x[:30], lmn_every=100)
        model.train()
        first = monitor.log(0, model, train=(x[:80], y[:80]), test=(x[80:], y[80:]), lr=1e-3)
        second = monitor.log(50, model, train=(x[:80], y[:80]), test=(x[80:], y[80:]))
        assert model.training  # restored after evaluation
    lines = [json.loads(line) for line in open(path)]
    assert [r["type"] for r in lines] == ["header", "eval", "eval", "end"]
    assert "lmn" in lines[1] and "lmn" not in lines[2]
    assert lines[1]["lmn"] == first["lmn"] and 1 <= first["lmn"] <= 30
    with torch.no_grad():
        loss = float(nn.functional.cross_entropy(model(x[80:]), y[80:]))
    assert second["test_loss"] == pytest.approx(loss, rel=1e-6)
    assert 0 <= second["train_acc"] <= 1 and lines[1]["lr"] == 1e-3 and "l2/embed" in lines[1]


def test_monitor_needs_a_layer_for_lmn(setup, tmp_path):
    with grokscope.Run(tmp_path / "r.ndjson") as run:
        with pytest.raises(ValueError, match="layer="):
            gt.Monitor(run, lmn_every=10)
        gt.Monitor(run, lmn_every=0)  # without LMN no layer is needed
