"""Personal API tokens: created and revoked by their owner, checked on every API request."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kieumau.accounts.models import User
from kieumau.api.models import ApiToken
from kieumau.core.audit import acting_as

PREFIX_BYTES = 4  # 8 hex characters
SECRET_BYTES = 32
MAX_ACTIVE_TOKENS = 20
# last_used_at is written at most this often, so reads do not turn into writes.
LAST_USED_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str  # the only time the key exists outside the caller's hands


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
@transaction.atomic
def token_create(*, actor: User, name: str) -> IssuedToken:
    """Issue a new key for ``actor``: returned once, stored only as its SHA-256.

    Refused, changing nothing: ValidationError (field ``name``) when the name is empty or
    too long, or when the user already holds MAX_ACTIVE_TOKENS active keys.
    """
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the key a name, e.g. the system that will use it.")})
    if len(name) > ApiToken._meta.get_field("name").max_length:
        raise ValidationError({"name": _("The name may have at most 100 characters.")})
    # The owner's row stays locked until the key is stored: two requests at once cannot both
    # pass the limit.
    User.objects.select_for_update().filter(pk=actor.pk).exists()
    active = ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            {
                "name": _("You already have %(count)d active keys; revoke one first.")
                % {"count": active}
            }
        )
    prefix = secrets.token_hex(PREFIX_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    with acting_as(actor):
        token = ApiToken.objects.create(
            user=actor, name=name, prefix=prefix, key_sha256=_digest(secret)
        )
    return IssuedToken(token=token, key=f"km_{prefix}_{secret}")


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own keys (again: no change). Another user's key: not found."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk, user=actor)
    if token.revoked_at is None:
        with acting_as(actor):
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def tokens_for_user(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def token_user(key: str) -> User | None:
    """The active user a presented key belongs to, or None (unknown, revoked, malformed)."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != "km":
        return None
    _, prefix, secret = parts
    token = (
        ApiToken.objects.select_related("user", "user__unit")
        .filter(prefix=prefix, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_sha256, _digest(secret)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
