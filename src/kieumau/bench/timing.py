"""Small measuring helpers shared by the benchmark's parts."""

import math
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def percentile(values: Sequence[float], percent: float) -> float:
    """The nearest-rank percentile: the smallest value with ``percent``% of values at or below."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = math.ceil(percent / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


def timed(work: Callable[[], T]) -> tuple[T, float]:
    """``work()``'s result and how long it took, in seconds."""
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def rounded(seconds: float) -> float:
    """Seconds to the millisecond, for the results (``round`` is shadowed by rounds here)."""
    return round(seconds, 3)
