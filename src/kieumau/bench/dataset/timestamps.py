"""When things happened in a round of the dataset, and writing those times in bulk.

``bulk_create`` would stamp every ``auto_now``/``auto_now_add`` field with the moment of the
insert; ``times_given`` lets the dataset write the times it drew instead.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import DateTimeField, Model

DAY = timedelta(days=1)


@contextmanager
def times_given(*models: type[Model]) -> Iterator[None]:
    """Inside, saving a row keeps the times already set on its auto_now(_add) fields."""
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


@dataclass(frozen=True)
class Window:
    """The span a round's events fall in; units are recognised at ``decision`` (one decision)."""

    start: datetime
    end: datetime
    decision_number: str

    @property
    def decision(self) -> datetime:
        return self.start + (self.end - self.start) * 0.85

    def at(self, fraction: float) -> datetime:
        return self.start + (self.end - self.start) * fraction


@dataclass(frozen=True)
class UnitTimes:
    registered: datetime
    values: datetime  # the ward entered its values, evidence and action plan by then
    steps: tuple[datetime, ...]  # one per workflow step, in order

    @property
    def last(self) -> datetime:
        return self.steps[-1] if self.steps else self.values

    def before_first_step(self, rng: random.Random) -> datetime:
        """A moment between the values and the first step (or the values plus up to a day)."""
        until = self.steps[0] if self.steps else self.values + DAY
        return self.values + (until - self.values) * rng.random()


def unit_times(rng: random.Random, window: Window, steps: int, *, recognised: bool) -> UnitTimes:
    """Registration early in the window, then values, then each step; a recognised unit's
    last step is the ministry's decision."""
    registered = window.at(rng.uniform(0, 0.1))
    limit = 0.8 if recognised else 1.0
    fractions = sorted(rng.uniform(0.1, limit) for _ in range(steps + 1))
    times = [window.at(fraction) for fraction in fractions]
    if recognised:
        times[-1] = window.decision + timedelta(minutes=rng.randint(0, 480))
    return UnitTimes(registered=registered, values=times[0], steps=tuple(times[1:]))
