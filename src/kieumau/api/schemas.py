"""Schemas every router shares: the error body, pagination, references to units and rounds."""

from decimal import Decimal
from typing import Annotated, Any, Literal

from django.db.models import TextChoices
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator

MAX_OFFSET = 1_000_000_000  # beyond any table; keeps the SQL OFFSET in range


class Text(Schema):
    vi: str
    en: str


class FieldError(Schema):
    field: str | None
    message: Text


class ErrorOut(Schema):
    status: int
    code: str = Field(
        description=(
            "invalid, conflict, forbidden, not_found, unauthenticated, rate_limited, locked_out"
        )
    )
    message: Text
    errors: list[FieldError]


# Declared on every operation so clients (and the schema tests) know each refusal's shape.
ERRORS: dict[int, Any] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


def responses(ok: Any, status: int = 200) -> dict[int, Any]:
    """``response=`` of an operation: its success schema and every error."""
    return {status: ok, **ERRORS}


class Pagination(LimitOffsetPagination):
    """``?limit=`` (1–500, default 50) and ``?offset=``; the body is ``{items, count}``."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=500, **kwargs)


class UnitRef(Schema):
    id: int
    code: str
    name: str


# Path parameters are bounded so that no number reaches the database out of its column's range.
MAX_ID = 2**63 - 1  # BigAutoField
MIN_YEAR, MAX_YEAR = 1900, 9999


class MapUnitRef(Schema):
    """A unit named across maps: the map's code with the unit's."""

    map: str = Field(validation_alias="admin_map.code")
    level: str
    code: str
    name: str


# Codes of maps, units and sets are letters, digits and dashes; anything else cannot exist.
CODE_PATTERN = r"^[0-9A-Za-z_.-]+$"
# PostgreSQL text cannot hold NUL: refuse it as input instead of failing in the database.
NO_NUL_PATTERN = r"^[^\x00]*$"


def _hundredths(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


# A percentage as a decimal string with two places ("30.00") whatever the database returned.
Percent = Annotated[Decimal, AfterValidator(_hundredths)]


def choice_of(choices: type[TextChoices]) -> Any:
    """The values of ``choices`` as an inline enum of the schema. Enums of different apps share
    names ("Kind", "Level", "Status") and would overwrite each other as OpenAPI components."""
    return Literal[tuple(choices.values)]
