"""PyTorch adapters: parameter norms, the LMN tail of a model, and a one-call ``Monitor.log``.

The starting layer is named like in ``model.named_modules()`` (``"mlp.1"``: the output of the first
hidden activation). Its output on the probe inputs is captured by a forward hook; the tail is the rest
of the model, found structurally: the modules after the starting layer in its ``nn.Sequential``
parent, then after that parent in its own ``nn.Sequential`` parent, and so on up the tree. That is
right for models whose forward, from the starting layer on, just runs those modules in order.
**Limitation**: residual connections, concatenations or functional code in a ``forward`` after the
starting layer cannot be seen this way. ``tail_after`` therefore checks that the tail reproduces the
model's own logits on the probes and raises otherwise; for such models pass your own ``tail``
callable (numpy rows × H → rows × K) to ``grokscope.lmn``.
"""

from __future__ import annotations

import copy
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from torch import nn

from .lmn import lmn as _lmn
from .stream import Run
from .tails import Layer, Tail

#: Activation modules the numpy fast path reproduces (GELU is left to torch: numpy has no fast erf).
_NUMPY_ACTIVATIONS = {nn.SiLU: "silu", nn.ReLU: "relu", nn.Tanh: "tanh"}

Batch = Tuple[torch.Tensor, torch.Tensor]


def l2_norms(model: nn.Module, depth: int = 1) -> Dict[str, float]:
    """``{"l2": ‖θ‖₂}`` over all parameters (float64 sums), plus ``"l2/<group>"`` per parameter group:
    the first ``depth`` components of the parameter names (``mlp.0.weight`` → ``l2/mlp`` at depth 1)."""
    total = 0.0
    groups: Dict[str, float] = {}
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            square = float(parameter.detach().double().pow(2).sum().item())
            total += square
            parts = name.split(".")[:-1] or name.split(".")
            group = ".".join(parts[:depth])
            groups[group] = groups.get(group, 0.0) + square
    norms = {"l2": total**0.5}
    norms.update({f"l2/{group}": value**0.5 for group, value in sorted(groups.items())})
    return norms


def model_device(model: nn.Module) -> torch.device:
    for parameter in model.parameters():
        return parameter.device
    return torch.device("cpu")


def capture(model: nn.Module, layer: str, inputs: torch.Tensor) -> torch.Tensor:
    """The output of module ``layer`` when ``model`` runs on ``inputs`` (forward hook, no grad)."""
    module = _module(model, layer)
    captured: List[torch.Tensor] = []
    handle = module.register_forward_hook(lambda _m, _i, output: captured.append(output.detach()))
    try:
        with torch.no_grad():
            model(inputs)
    finally:
        handle.remove()
    if len(captured) != 1:
        raise ValueError(f"capture: module {layer!r} ran {len(captured)} times in one forward pass; expected once")
    return captured[0].reshape(captured[0].shape[0], -1)


class TorchTail:
    """The modules after the starting layer, as a float64 callable on numpy rows, run on the model's
    device (a float64 copy of the modules, taken when the tail is built). On the CPU, a plain stack of
    ``nn.Linear`` with SiLU/ReLU/Tanh also gets ``segments``, so ``lmn`` takes the numpy fast path
    (``grokscope.segments``) with the same weights."""

    def __init__(self, modules: Sequence[nn.Module], device: torch.device, block_rows: int = 65536):
        self.device = device
        self.block_rows = block_rows
        self.modules = [copy.deepcopy(m).to(device=device, dtype=torch.float64).eval() for m in modules]
        numpy_tail = self.numpy_tail()
        if numpy_tail is not None:
            self.segments = numpy_tail.segments
            self.preferred_block_rows = numpy_tail.preferred_block_rows

    def numpy_tail(self) -> Optional[Tail]:
        """The same tail as a ``grokscope.Tail`` when it is a stack of ``nn.Linear``, each followed by at
        most one SiLU/ReLU/Tanh, on the CPU; else ``None``."""
        if self.device.type != "cpu" or not self.modules:
            return None
        layers: List[List[Any]] = []
        for module in self.modules:
            if type(module) is nn.Linear:
                bias = None if module.bias is None else module.bias.detach().numpy()
                layers.append([module.weight.detach().numpy(), bias, None])
            elif type(module) in _NUMPY_ACTIVATIONS and layers and layers[-1][2] is None:
                layers[-1][2] = _NUMPY_ACTIVATIONS[type(module)]
            else:
                return None
        return Tail([Layer(weight, bias, activation) for weight, bias, activation in layers])

    @property
    def first_is_affine(self) -> bool:
        return bool(self.modules) and isinstance(self.modules[0], nn.Linear)

    def _run(self, x: np.ndarray, modules: Sequence[nn.Module]) -> np.ndarray:
        outputs = []
        with torch.no_grad():
            for start in range(0, x.shape[0], self.block_rows):
                t = torch.from_numpy(np.ascontiguousarray(x[start : start + self.block_rows])).to(self.device)
                for module in modules:
                    t = module(t)
                outputs.append(t.cpu().numpy())
        return np.concatenate(outputs) if outputs else np.zeros((0, 0))

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self._run(np.asarray(x, dtype=np.float64), self.modules)

    def enter_after_first_affine(self, h: np.ndarray) -> Tuple[np.ndarray, Callable[[np.ndarray], np.ndarray]]:
        """``(Z, rest)``: the first ``nn.Linear`` applied to the probes, and the modules after it."""
        return self._run(h, self.modules[:1]), lambda z: self._run(z, self.modules[1:])


def tail_modules(model: nn.Module, layer: str) -> List[nn.Module]:
    """The modules that run after ``layer``, up through the ``nn.Sequential`` ancestors (see module doc)."""
    parts = layer.split(".")
    chain = [model]
    for part in parts:
        chain.append(_child(chain[-1], part, layer))
    modules: List[nn.Module] = []
    for depth in range(len(parts) - 1, -1, -1):
        parent = chain[depth]
        if not isinstance(parent, nn.Sequential):
            break
        names = list(parent._modules.keys())
        modules.extend(m for m in list(parent._modules.values())[names.index(parts[depth]) + 1 :] if m is not None)
    return modules


def tail_after(model: nn.Module, layer: str, probe_inputs: Optional[torch.Tensor] = None) -> TorchTail:
    """The tail of ``model`` after module ``layer``; with ``probe_inputs``, checked against the model."""
    tail = TorchTail(tail_modules(model, layer), model_device(model))
    if probe_inputs is not None:
        h = capture(model, layer, probe_inputs).double().cpu().numpy()
        with torch.no_grad():
            logits = model(probe_inputs).double().cpu().numpy()
        rebuilt = tail(h)
        scale = max(float(np.abs(logits).max()), 1.0)
        if rebuilt.shape != logits.shape or float(np.abs(rebuilt - logits).max()) > 1e-3 * scale:
            raise ValueError(
                f"tail_after: running the modules after {layer!r} in order does not reproduce the model's logits "
                "(its forward does more than run its children in sequence: residuals, concatenation, "
                "functional code). Pass your own tail callable to grokscope.lmn instead."
            )
    return tail


def lmn(model: nn.Module, layer: str, probe_inputs: torch.Tensor, check: bool = True) -> float:
    """LMN of ``model`` from module ``layer`` on ``probe_inputs`` (float64; the tail on the model's device)."""
    h = capture(model, layer, probe_inputs).double().cpu().numpy()
    return _lmn(tail_after(model, layer, probe_inputs if check else None), h)


class Monitor:
    """Evaluates and logs in one call per evaluation step::

        monitor = grokscope.torch.Monitor(run, layer="mlp.1", probe_inputs=x_all[probe_idx], lmn_every=100)
        monitor.log(step, model, train=(x_train, y_train), test=(x_test, y_test))

    Writes ``train_loss``, ``train_acc``, ``test_loss``, ``test_acc`` (cross-entropy and argmax accuracy
    by default), ``l2`` and ``l2/<group>``, and ``lmn`` at multiples of ``lmn_every`` (0 = never)."""

    def __init__(
        self,
        run: Run,
        *,
        layer: Optional[str] = None,
        probe_inputs: Optional[torch.Tensor] = None,
        lmn_every: int = 100,
        loss: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] = nn.functional.cross_entropy,
        l2_depth: int = 1,
    ) -> None:
        if lmn_every and (layer is None or probe_inputs is None):
            raise ValueError("Monitor: LMN needs layer= (a module name) and probe_inputs=, or lmn_every=0")
        self.run, self.layer, self.probe_inputs = run, layer, probe_inputs
        self.lmn_every, self.loss, self.l2_depth = lmn_every, loss, l2_depth
        self._checked = False

    def metrics(self, step: int, model: nn.Module, train: Optional[Batch], test: Optional[Batch]) -> Dict[str, float]:
        was_training = model.training
        model.eval()
        try:
            values: Dict[str, float] = {}
            for prefix, batch in (("train", train), ("test", test)):
                if batch is not None:
                    values.update(self._evaluate(prefix, model, batch))
            values.update(l2_norms(model, self.l2_depth))
            if self.lmn_every and step % self.lmn_every == 0:
                assert self.layer is not None and self.probe_inputs is not None
                values["lmn"] = lmn(model, self.layer, self.probe_inputs, check=not self._checked)
                self._checked = True  # the structure does not change during a run: check it once
        finally:
            model.train(was_training)
        return values

    def log(
        self, step: int, model: nn.Module, train: Optional[Batch] = None, test: Optional[Batch] = None, **extra: Any
    ) -> Dict[str, float]:
        """Evaluates, writes one ``eval`` record (with ``extra`` metrics such as ``lr``) and returns it."""
        values = self.metrics(step, model, train, test)
        values.update({k: float(v) for k, v in extra.items()})
        self.run.eval(step, values)
        return values

    def _evaluate(self, prefix: str, model: nn.Module, batch: Batch) -> Dict[str, float]:
        x, y = batch
        with torch.no_grad():
            logits = model(x)
            loss = float(self.loss(logits, y).item())
            accuracy = float((logits.argmax(dim=-1) == y).double().mean().item())
        return {f"{prefix}_loss": loss, f"{prefix}_acc": accuracy}


def _module(model: nn.Module, layer: str) -> nn.Module:
    module = model
    for part in layer.split("."):
        module = _child(module, part, layer)
    return module


def _child(module: nn.Module, part: str, layer: str) -> nn.Module:
    child = module._modules.get(part)
    if child is None:
        known = ", ".join(name for name, _ in module.named_modules() if name) or "none"
        raise ValueError(f"no module named {layer!r} in the model (part {part!r} missing); modules: {known}")
    return child
