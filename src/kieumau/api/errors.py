"""Every refusal as structured JSON, never a 500 page.

The body of every error response::

    {"status": 422, "code": "invalid",
     "message": {"vi": "…", "en": "…"},
     "errors": [{"field": "value", "message": {"vi": "…", "en": "…"}}]}

``field`` names the input at fault (a body/query field, a criterion code, a sheet cell) or is
null for the request as a whole.
"""

import logging

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from kieumau.api.messages import bilingual
from kieumau.assessments.services.common import Conflict

logger = logging.getLogger(__name__)

INVALID = _("The request was refused: see the errors of each field.")
NOT_FOUND = _("Not found, or outside your scope.")
UNAUTHENTICATED = _("Sign in with a valid API key: header Authorization: Bearer km_….")
SERVER_ERROR = _("The server could not complete the request; it has been logged. Try again later.")

# Pydantic's error types as users read them; anything else falls back to its English text.
SCHEMA_MESSAGES = {
    "missing": _("This field is required."),
    "int_parsing": _("Enter a whole number."),
    "int_type": _("Enter a whole number."),
    "float_parsing": _("Enter a number."),
    "decimal_parsing": _("Enter a number."),
    "bool_parsing": _("Enter true or false."),
    "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
    "date_parsing": _("Enter a date as YYYY-MM-DD."),
    "string_too_long": _("The text is too long."),
    "string_type": _("Enter text."),
    "greater_than_equal": _("The number is too small."),
    "less_than_equal": _("The number is too large."),
    "enum": _("Choose one of the allowed values."),
    "literal_error": _("Choose one of the allowed values."),
    "json_invalid": _("The body is not valid JSON."),
    "model_attributes_type": _("The body must be a JSON object."),
    "dict_type": _("The body must be a JSON object."),
}


def error_body(status: int, code: str, message, errors: list[dict] | None = None) -> dict:
    return {
        "status": status,
        "code": code,
        "message": bilingual(message),
        "errors": errors or [],
    }


def field_errors(error: DjangoValidationError) -> list[dict]:
    """One entry per message, with the field it belongs to (None: the request as a whole)."""
    if hasattr(error, "error_dict"):
        return [
            {"field": None if field == NON_FIELD_ERRORS else field, "message": bilingual(item)}
            for field, items in error.error_dict.items()
            for item in items
        ]
    return [{"field": None, "message": bilingual(item)} for item in error.error_list]


def _schema_errors(error: SchemaValidationError) -> list[dict]:
    entries = []
    for item in error.errors:
        location = [str(part) for part in item.get("loc", ())]
        # ("body", "payload", "value") → "value"; ("query", "page") → "page"
        field = ".".join(location[2:] if location[:1] == ["body"] else location[1:]) or None
        message = SCHEMA_MESSAGES.get(item.get("type", ""))
        entries.append(
            {
                "field": field,
                "message": bilingual(message)
                if message
                else {"vi": str(item.get("msg", "")), "en": str(item.get("msg", ""))},
            }
        )
    return entries


def install(api: NinjaAPI) -> None:
    """Register the handlers that turn each kind of refusal into the body above."""

    def respond(request: HttpRequest, status: int, body: dict) -> HttpResponse:
        return api.create_response(request, body, status=status)

    @api.exception_handler(SchemaValidationError)
    def schema_invalid(request, error):
        return respond(request, 422, error_body(422, "invalid", INVALID, _schema_errors(error)))

    @api.exception_handler(Conflict)
    def conflict(request, error):
        return respond(request, 409, error_body(409, "conflict", error))

    @api.exception_handler(DjangoValidationError)
    def refused(request, error):
        return respond(request, 422, error_body(422, "invalid", error, field_errors(error)))

    @api.exception_handler(PermissionDenied)
    def denied(request, error):
        return respond(request, 403, error_body(403, "forbidden", error))

    def not_found(request, error):
        return respond(request, 404, error_body(404, "not_found", NOT_FOUND))

    # A scoped lookup that found nothing, raised either way: the same answer, revealing nothing.
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(ObjectDoesNotExist, not_found)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, error):
        return respond(request, 401, error_body(401, "unauthenticated", UNAUTHENTICATED))

    @api.exception_handler(HttpError)
    def http_error(request, error):
        if error.status_code == 400:  # django-ninja could not parse the body: not JSON
            body_error = {"field": "body", "message": bilingual(SCHEMA_MESSAGES["json_invalid"])}
            return respond(request, 422, error_body(422, "invalid", INVALID, [body_error]))
        return respond(
            request, error.status_code, error_body(error.status_code, "error", error.message)
        )

    @api.exception_handler(Exception)
    def unexpected(request, error):
        # A defect, not a refusal: logged with its traceback, answered in the same shape.
        logger.exception("API request failed: %s %s", request.method, request.path)
        return respond(request, 500, error_body(500, "server_error", SERVER_ERROR))
