import pytest

from kieumau.accounts.models import Role, User
from kieumau.criteria.models import CriteriaSet
from kieumau.criteria.services import default_criteria_set_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry_client(client):
    user = User.objects.create_superuser("bo", password=None, role=Role.MINISTRY)
    client.force_login(user)
    return client


@pytest.fixture
def template() -> CriteriaSet:
    return default_criteria_set_load().criteria_set


def _url(criteria_set: CriteriaSet) -> str:
    return f"/admin/criteria/criteriaset/{criteria_set.pk}/change/"


def test_admin_lists_sets_with_their_counts(ministry_client, template):
    response = ministry_client.get("/admin/criteria/criteriaset/")

    page = response.content.decode()
    assert response.context["cl"].result_count == 1
    assert "Bộ tiêu chí mẫu, 22 tiêu chí" in page
    assert '<td class="field-criteria">22</td>' in page


def test_admin_shows_criteria_read_only(ministry_client, template, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = ministry_client.get(_url(template))

    page = response.content.decode()
    assert "Tỷ lệ khu dân cư đạt tiêu chuẩn" in page
    assert "≥ 90 %" in page
    assert 'name="name"' in page
    assert 'name="description"' in page
    for read_only in ('name="basic_min_met"', 'name="code"', 'name="criteria-0-title"'):
        assert read_only not in page


def test_admin_edits_only_the_name_and_description(ministry_client, template):
    response = ministry_client.post(
        _url(template),
        {
            "name": "Bộ mẫu (đổi tên)",
            "description": "Mô tả mới",
            "basic_min_met": "1",
            "groups-TOTAL_FORMS": "0",
            "groups-INITIAL_FORMS": "5",
            "criteria-TOTAL_FORMS": "0",
            "criteria-INITIAL_FORMS": "22",
        },
    )

    template.refresh_from_db()
    assert response.status_code == 302
    assert (template.name, template.description) == ("Bộ mẫu (đổi tên)", "Mô tả mới")
    assert template.basic_min_met == 20
    assert template.criteria.count() == 22


def test_admin_cannot_add_a_set(ministry_client):
    assert ministry_client.get("/admin/criteria/criteriaset/add/").status_code == 403
