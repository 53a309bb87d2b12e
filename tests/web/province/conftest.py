import pytest

from kieumau.programme.services import quotas_compute


@pytest.fixture
def round(round, people):
    """The 2025 round with its quotas computed (30% of each province's phường)."""
    quotas_compute(actor=people.ministry, round=round)
    return round
