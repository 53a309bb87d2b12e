"""Two officers saving the same new record at the same moment: a clear refusal, not a 500."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

SAVED_ELSEWHERE = _(
    "Someone else saved the same record at the same moment; reload the page and try again."
)


@contextmanager
def saved_once() -> Iterator[None]:
    """Run the save in a savepoint; a unique constraint hit by a concurrent insert (the checks
    before it passed, so another transaction won the race) becomes a ValidationError."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ValidationError(SAVED_ELSEWHERE) from None
