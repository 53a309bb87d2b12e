"""Values that meet, or miss, a criterion's threshold: what a ward would enter."""

import random
from decimal import Decimal

from kieumau.criteria.models import Criterion
from kieumau.criteria.types import Comparator, Kind


def criterion_value(criterion: Criterion, *, met: bool, rng: random.Random) -> Decimal:
    """A plausible value of ``criterion`` that meets it (``met``) or not, per its rule."""
    if criterion.kind == Kind.BOOL:
        return Decimal(1 if met else 0)
    threshold = criterion.threshold
    ceiling = Decimal(100) if criterion.kind == Kind.PCT else threshold + 50
    comparator = Comparator(criterion.comparator)
    if comparator == Comparator.EQ:
        value = threshold if met else threshold - rng.randint(1, 10)
    elif comparator in (Comparator.GE, Comparator.GT):
        low = threshold if comparator == Comparator.GE else threshold + 1
        if met:
            value = Decimal(rng.randint(int(low), int(max(low, ceiling))))
        else:
            value = threshold - rng.randint(3, 25)
    else:  # LE, LT: fewer is better (e.g. incidents)
        high = threshold if comparator == Comparator.LE else threshold - 1
        value = (
            Decimal(max(0, int(high) - rng.randint(0, 1))) if met else threshold + rng.randint(1, 4)
        )
    return Decimal(max(value, Decimal(0)))


def weighted_sample(rng: random.Random, weights: dict[str, float], count: int) -> list[str]:
    """``count`` distinct keys of ``weights`` drawn without replacement, heavier ones likelier."""
    pool = dict(weights)
    chosen: list[str] = []
    for _ in range(min(count, len(pool))):
        keys = list(pool)
        pick = rng.choices(keys, weights=[pool[key] for key in keys])[0]
        chosen.append(pick)
        del pool[pick]
    return chosen
