"""Run a function over batches in worker processes, in order, with an optional progress bar.

Results come back in the order of the batches whatever the number of workers, so parallel
output is identical to serial output. Where the platform forks (Linux), the batches are handed
to the workers through the fork itself and never pickled; only results travel back.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

_JOB: tuple | None = None


def workers(n_jobs: int) -> int:
    """The number of processes ``n_jobs`` asks for (``-1``: one per CPU); ValueError otherwise.

    >>> workers(2)
    2
    """
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs={n_jobs!r} is invalid; use a positive number of processes, or -1 for one per CPU")
    return (os.cpu_count() or 1) if n_jobs == -1 else n_jobs


def progress_enabled(progress: bool | None, batches: int) -> bool:
    """Resolve ``progress=None``: on for more than one batch, unless ``CORPUS_TOOLS_PROGRESS=0``."""
    if progress is None:
        return batches > 1 and os.environ.get("CORPUS_TOOLS_PROGRESS", "1") != "0"
    return bool(progress)


def progress_bar(total: int, *, desc: str | None = None, progress: bool | None = None, unit: str = "batch"):
    """A ``tqdm.auto`` bar (a widget in Jupyter, a line in a terminal), or a silent stand-in."""
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit=unit, disable=not progress_enabled(progress, total))


def map_batches(
    func: Callable,
    batches: Sequence,
    options: dict,
    *,
    n_jobs: int = 1,
    progress: bool | None = None,
    desc: str | None = None,
) -> list:
    """Return ``[func(batch, **options) for batch in batches]``, computed by ``n_jobs`` processes.

    >>> map_batches(sorted, [[3, 1], [2, 0]], {"reverse": True}, n_jobs=2, progress=False)
    [[3, 1], [2, 0]]
    """
    global _JOB
    results = []
    with progress_bar(len(batches), desc=desc, progress=progress) as bar:
        if n_jobs <= 1 or len(batches) <= 1:
            for batch in batches:
                results.append(func(batch, **options))
                bar.update()
            return results
        forking = "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if forking else None)
        try:
            _JOB = (func, batches, options)
            with ProcessPoolExecutor(min(n_jobs, len(batches)), mp_context=context) as pool:
                if forking:
                    futures = [pool.submit(_run, index) for index in range(len(batches))]
                else:
                    futures = [pool.submit(func, batch, **options) for batch in batches]
                for future in futures:
                    results.append(future.result())
                    bar.update()
        finally:
            _JOB = None
    return results


def _run(index: int):
    func, batches, options = _JOB
    return func(batches[index], **options)
