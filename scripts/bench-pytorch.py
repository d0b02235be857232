#!/usr/bin/env python3
"""PyTorch CPU twin of `grokscope bench`'s paper-add training benchmark (docs/performance.md).

Same model and optimizer as the engine's paper-add preset: (a+b) mod 31, 80% train (768 rows, full
batch), one shared 31x32 embedding for both operands concatenated (64), Linear 64->100, SiLU,
Linear 100->100, SiLU, Linear 100->31, cross-entropy, AdamW(lr 1e-3, betas 0.9/0.999, eps 1e-8,
weight decay 0.2), float32. Prints the median steps/s (per wall second and per CPU second of the
process) of --repetitions timed runs of --steps steps after a 50-step warm-up. Usage: scripts/bench-pytorch.py [--threads N] [--steps N] [--repetitions N]
"""
import argparse
import statistics
import sys
import time

try:
    import torch
except ImportError:
    sys.exit("bench-pytorch: torch is not importable; install it with 'pip install torch'")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (match grokscope's)")
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--quiet", action="store_true", help="print only the median steps/s")
    args = parser.parse_args()
    if args.threads < 1 or args.steps < 1 or args.repetitions < 1:
        sys.exit("bench-pytorch: --threads, --steps and --repetitions must be at least 1")
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    p, dim, hidden = 31, 32, 100
    pairs = torch.cartesian_prod(torch.arange(p), torch.arange(p))
    order = torch.randperm(len(pairs))
    train = pairs[order[: int(0.8 * len(pairs))]]
    a, b = train[:, 0], train[:, 1]
    labels = (a + b) % p

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embedding = torch.nn.Embedding(p, dim)
            self.layers = torch.nn.Sequential(
                torch.nn.Linear(2 * dim, hidden), torch.nn.SiLU(),
                torch.nn.Linear(hidden, hidden), torch.nn.SiLU(),
                torch.nn.Linear(hidden, p))

        def forward(self, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
            return self.layers(torch.cat([self.embedding(a), self.embedding(b)], dim=1))

    model = Net()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.2)
    loss_function = torch.nn.CrossEntropyLoss()

    def step() -> None:
        optimizer.zero_grad(set_to_none=False)
        loss_function(model(a, b), labels).backward()
        optimizer.step()

    for _ in range(50):
        step()
    rates, cpu_rates = [], []
    for _ in range(args.repetitions):
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(args.steps):
            step()
        rates.append(args.steps / (time.perf_counter() - start))
        cpu_rates.append(args.steps / (time.process_time() - cpu_start))
    median, cpu_median = statistics.median(rates), statistics.median(cpu_rates)
    if args.quiet:  # wall and CPU-time rates, as `grokscope bench --only train-rate` prints them
        print(f"{median:.1f} {cpu_median:.1f}")
    else:
        print(f"pytorch {torch.__version__} paper-add, {args.threads} thread(s): {median:.0f} steps/s wall, "
              f"{cpu_median:.0f} per CPU second (median of {len(rates)})")


if __name__ == "__main__":
    main()
