#!/usr/bin/env python3
"""Grokking (a+b) mod 31 in PyTorch, watched live by grokscope with the paper's LMN:

    python python/examples/pytorch_grokking.py | grokscope watch -

The recipe is grokscope's ``demo`` preset (docs/presets.md: train fraction 0.5, embeddings 64, hidden
128-128 SiLU, init scale 3, AdamW lr 2e-3, β = (0.9, 0.98), weight decay 1, full batch): memorization
within ~100 steps, a long compression phase, then generalization after a few thousand steps.
The grokscope lines are the ``Run``, the ``Monitor`` and ``monitor.log``; the rest is plain PyTorch.
Progress goes to stderr, the stream to stdout (or --out FILE). ``--tensorboard DIR`` also logs every
evaluation with ``torch.utils.tensorboard.SummaryWriter`` (tags ``Loss/train``, ``Accuracy/test``,
``lmn``, ``l2``, …), so ``grokscope watch DIR`` can follow the same run from its TensorBoard logdir.
"""

import argparse
import sys
import time

import torch
from torch import nn

import grokscope
import grokscope.torch


#: Our metric names → the tags a typical PyTorch script uses (grokscope maps them back: docs/tensorboard.md).
TENSORBOARD_TAGS = {"train_loss": "Loss/train", "test_loss": "Loss/test", "train_acc": "Accuracy/train",
                    "test_acc": "Accuracy/test"}


class Grokker(nn.Module):
    """concat(emb a, emb b) → Linear → SiLU → Linear → SiLU → Linear → logits."""

    def __init__(self, p: int, emb: int, hidden: int) -> None:
        super().__init__()
        self.embed = nn.Embedding(p, emb)
        self.mlp = nn.Sequential(
            nn.Linear(2 * emb, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(), nn.Linear(hidden, p)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.mlp(self.embed(x).flatten(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=8000)
    parser.add_argument("--eval-every", type=int, default=10)
    parser.add_argument("--lmn-every", type=int, default=100)
    parser.add_argument("--probes", type=int, default=128, help="LMN probe size N")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="-", help="stream file, or - for stdout (default)")
    parser.add_argument("--tensorboard", metavar="DIR", help="also log to this TensorBoard logdir (needs tensorboard)")
    args = parser.parse_args()
    torch.set_num_threads(1)  # a tiny net: one thread is fastest, and leaves a core to the monitor
    torch.manual_seed(args.seed)

    p, alpha = 31, 3.0
    a, b = torch.meshgrid(torch.arange(p), torch.arange(p), indexing="ij")
    inputs = torch.stack([a.flatten(), b.flatten()], dim=1)
    labels = (inputs[:, 0] + inputs[:, 1]) % p
    order = torch.randperm(len(inputs))
    train, test = order[: len(inputs) // 2], order[len(inputs) // 2 :]
    model = Grokker(p, emb=64, hidden=128)
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.mul_(alpha)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3, betas=(0.9, 0.98), weight_decay=1.0)
    probe_rows = grokscope.probe_indices(args.probes, len(inputs), seed=args.seed)

    run = grokscope.Run(  # 1. the stream
        args.out, name="pytorch (a+b) mod 31", task=f"add mod {p}", total_steps=args.steps, seed=args.seed,
        probe_size=len(probe_rows), probe_set=f"{len(probe_rows)} of {len(inputs)} inputs, from mlp.1",
        settings={"model": "emb64 concat, 128-128 SiLU, init x3", "optimizer": "AdamW lr=2e-3 wd=1"},
        producer="examples/pytorch_grokking.py",
    )
    board = None
    if args.tensorboard:
        from torch.utils.tensorboard import SummaryWriter  # only this option needs the tensorboard package

        board = SummaryWriter(args.tensorboard)
    with run:
        # 2. what to measure: LMN from the first hidden layer's output (mlp.1) on the probe inputs
        monitor = grokscope.torch.Monitor(run, layer="mlp.1", probe_inputs=inputs[probe_rows], lmn_every=args.lmn_every)
        started = time.monotonic()
        for step in range(args.steps + 1):
            if step % args.eval_every == 0 or step % args.lmn_every == 0 or step == args.steps:
                # 3. one call per evaluation
                metrics = monitor.log(step, model, train=(inputs[train], labels[train]), test=(inputs[test], labels[test]))
                if board is not None:
                    for name, value in metrics.items():
                        board.add_scalar(TENSORBOARD_TAGS.get(name, name), value, step)
                if step % 500 == 0:
                    print(f"step {step:5d}  {time.monotonic() - started:6.1f}s  train {metrics['train_acc']:.3f}  "
                          f"test {metrics['test_acc']:.3f}  l2 {metrics['l2']:.1f}", file=sys.stderr)
            if step == args.steps:
                break
            loss = nn.functional.cross_entropy(model(inputs[train]), labels[train])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
    if board is not None:
        board.close()


if __name__ == "__main__":
    main()
