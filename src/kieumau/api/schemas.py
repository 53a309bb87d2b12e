"""Schemas every router shares: the error body, pagination, references to units and rounds."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 1_000_000_000  # beyond any table; keeps the SQL OFFSET in range


class Text(Schema):
    vi: str
    en: str


class FieldError(Schema):
    field: str | None
    message: Text


class ErrorOut(Schema):
    status: int
    code: str = Field(description="invalid, conflict, forbidden, not_found, unauthenticated")
    message: Text
    errors: list[FieldError]


# Declared on every operation so clients (and the schema tests) know each refusal's shape.
ERRORS: dict[int, Any] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
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
