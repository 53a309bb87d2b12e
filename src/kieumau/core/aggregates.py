"""Expensive aggregates (dashboards, their pictures) kept in the shared cache until the data
they are drawn from changes.

Every cached value is stored under the current *data version*: a random token that any
committed change of programme data replaces. A reader reads the version before it computes,
so what it stores is never older than its key says; a change committed while it computes
replaces the version, and the next reader computes afresh. The token is replaced, not
incremented, so two changes committing together cannot leave one of them unseen.

What counts as a change: every audited save or deletion of the apps the reports read (the
audit trail is complete by design: tests/core/test_audit.py), and the bulk loads that bypass
the audit trail (maps, criteria sets) call ``aggregates_changed`` themselves.
"""

from collections.abc import Callable, Hashable
from typing import TypeVar
from uuid import uuid4

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

T = TypeVar("T")

VERSION_KEY = "aggregates:data-version"
# A safety net, not the invalidation: even a change made behind the system's back (SQL by hand)
# shows within this time.
TIMEOUT_SECONDS = 15 * 60
# Long, but finite: "forever" is stored as the year 9999, which some clients cannot read back.
VERSION_TIMEOUT_SECONDS = 30 * 24 * 3600
REPORTED_APPS = frozenset({"adminunits", "criteria", "programme", "assessments", "context"})


def aggregates_changed() -> None:
    """Make every cached aggregate stale once the current transaction commits (at once
    outside one); a rolled-back change leaves the cache as it was."""
    transaction.on_commit(_version_replace)


def _version_replace() -> None:
    cache.set(VERSION_KEY, uuid4().hex, timeout=VERSION_TIMEOUT_SECONDS)


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:  # first use, or the cache was cleared
        version = uuid4().hex
        cache.add(VERSION_KEY, version, timeout=VERSION_TIMEOUT_SECONDS)
        version = cache.get(VERSION_KEY, version)
    return version


def aggregates_cached(name: str, parts: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``'s value for ``name`` and ``parts`` in the current language, from the cache
    when the data has not changed since it was stored."""
    key = ":".join(["aggregates", name, data_version(), get_language() or "", *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=TIMEOUT_SECONDS)
    return value


def audit_entry_saved(sender, instance, created: bool, **kwargs) -> None:
    """Receiver of the audit trail's saves: a change to reported data makes aggregates stale."""
    if (
        created
        and ContentType.objects.get_for_id(instance.content_type_id).app_label in REPORTED_APPS
    ):
        aggregates_changed()
