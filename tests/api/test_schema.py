"""The whole API against its own OpenAPI schema (schemathesis): for every operation, cases
generated from the schema (valid and invalid) sent as each role, with a round holding
registrations, assessments in several states, documents and resources, so that reads find
real rows and writes meet real rules. No answer is a server error, and every answer (status,
content type, body) is one the schema documents.

Bounded and repeatable: a fixed number of derandomized examples per operation, no shrinking.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kieumau.assessments.services.evidence import evidence_add
from tests.api.conftest import key_for
from tests.api.writes import pdf
from tests.assessments.factories import WARD_CODE

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLES = ("ward_own", "province_own", "ministry", "viewer")
EXAMPLES = 10


def real_path_parameters(path: str, ids: dict[str, int]) -> dict:
    """Values naming rows that exist (``ids``: of the running test) for the parameters of
    ``path``, by parameter name."""
    if path.startswith("/api/v1/maps"):
        code = "2025-07"
    elif path.startswith("/api/v1/criteria-sets"):
        code = "mau-22-tieu-chi"
    else:
        code = "40"
    return {
        "year": 2025,
        "code": code,
        "unit_code": WARD_CODE,
        "version": 1,
        "province_code": "40",
        "criterion_code": "1",
        **ids,
    }


@pytest.fixture
def connections_kept_open():
    """The WSGI handler closes the database connection after each request, which would end the
    test's transaction; Django's test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def keys(people, figures, connections_kept_open) -> dict[str, str]:
    return {role: key_for(getattr(people, role)) for role in ROLES}


@pytest.fixture
def live_ids(figures, people) -> dict[str, int]:
    # An evidence file too, so the evidence operations also meet a real row.
    evidence = evidence_add(
        actor=people.ward_own, result=figures.assessment.results.first(), upload=pdf()
    )
    return {
        "registration_id": figures.assessment.registration_id,
        "assessment_id": figures.assessment.pk,
        "document_id": figures.document.pk,
        "result_id": evidence.result_id,
        "evidence_id": evidence.pk,
    }


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_as_its_schema_says_for_every_role(case, keys, live_ids):
    generated = dict(case.path_parameters or {})
    real = real_path_parameters(case.operation.path, live_ids)
    # Random codes and ids alone would only meet 404s: each case is also sent naming real rows.
    variants = [generated, {name: real.get(name, value) for name, value in generated.items()}]
    for path_parameters in variants if generated else [generated]:
        case.path_parameters = path_parameters
        for role, key in keys.items():
            try:
                case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, checks=CHECKS)
            except Exception as failure:
                failure.add_note(f"as {role}, path parameters {path_parameters}")
                raise
