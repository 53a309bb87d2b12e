"""Recording who made a change, in the audit trail (django-auditlog)."""

from collections.abc import Iterator
from contextlib import contextmanager

from auditlog.context import auditlog_value, set_actor


@contextmanager
def acting_as(actor) -> Iterator[None]:
    """Attribute the changes made inside to ``actor``, then give the actor back.

    auditlog's own ``set_actor`` leaves the outer context (the web request's) pointing at the
    inner one when nested, so later saves in the request would lose their actor.
    """
    previous = auditlog_value.get(None)
    try:
        with set_actor(actor):
            yield
    finally:
        if previous is not None:
            auditlog_value.set(previous)
