import pytest

from kieumau.accounts.models import Role, User


@pytest.fixture
def ministry_client(client, maps):
    user = User.objects.create_superuser("bo", password="x-Strong-Pass-2025", role=Role.MINISTRY)
    client.force_login(user)
    return client


def test_admin_finds_units_by_name(ministry_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = ministry_client.get("/admin/adminunits/adminunit/", {"q": "Trúc Bạch"})

    page = response.content.decode()
    assert response.context["cl"].result_count == 2  # in 2023-05 and 2025-01
    assert "Phường Trúc Bạch" in page


def test_admin_finds_units_by_code(ministry_client):
    response = ministry_client.get("/admin/adminunits/adminunit/", {"q": "16690"})

    assert "Phường Trường Vinh" in response.content.decode()


def test_admin_lists_maps_and_successions(ministry_client):
    maps_page = ministry_client.get("/admin/adminunits/adminmap/").content.decode()
    successions = ministry_client.get(
        "/admin/adminunits/succession/", {"q": "Yên Bái"}
    ).content.decode()

    assert "2023-05" in maps_page and "2025-07" in maps_page
    assert "Tỉnh Lào Cai" in successions
