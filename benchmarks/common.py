"""Shared helpers of the benchmark scripts: timing with peak memory, and the default corpus."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psutil

FULL = Path(__file__).resolve().parents[1].parent / "shared/data/corpora/ru_news_mix/ru_news_mix_full.jsonl.gz"


def measure(label: str, func, *, rows=len):
    """Run ``func()``; print wall time and the peak RSS growth (sampled every 20 ms) over the start."""
    process = psutil.Process()
    before = process.memory_info().rss
    peak = [before]
    done = threading.Event()

    def sample():
        while not done.wait(0.02):
            peak[0] = max(peak[0], process.memory_info().rss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    extra = (max(peak[0], process.memory_info().rss) - before) / 2**20
    count = f"   rows {rows(result):>11,}" if rows else ""
    print(f"{label:<44} {seconds:8.2f} s   +{extra:7.0f} MB RSS{count}", flush=True)
    return result, seconds, extra
