"""The local engine: each step in a process of its own, a pool of them at once (no dependency)."""
import random
from concurrent.futures import ThreadPoolExecutor

from .driver import run_step


class LocalEngine:
    """Runs steps on `workers` processes at once; `seed` shuffles the order they start in (the
    report does not depend on it)."""

    def __init__(self, workers=None, seed=None):
        import os
        self.workers = workers or os.cpu_count() or 1
        self.seed = seed

    def run_steps(self, binary, steps):
        order = list(range(len(steps)))
        if self.seed is not None:
            random.Random(self.seed).shuffle(order)
        results = [None] * len(steps)
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            futures = {pool.submit(run_step, binary, steps[i]): i for i in order}
            for future, i in futures.items():
                results[i] = future.result()
        return results
