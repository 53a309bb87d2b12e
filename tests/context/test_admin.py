import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from kieumau.accounts.models import User
from kieumau.context import services
from kieumau.context.models import DirectiveDocument, Resources

from .conftest import pdf, png


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("quantri", password="x" * 20))
    return client


@pytest.fixture
def recorded(world):
    """One of everything, made through the services."""
    document = services.directive_document_add(
        actor=world.users["province_own"],
        province=world.nghe_an,
        issuer=DirectiveDocument.Issuer.PARTY_COMMITTEE,
        kind=DirectiveDocument.Kind.RESOLUTION,
        number="15-NQ/TU",
        date=datetime.date(2023, 3, 1),
        title="Về xây dựng Công an phường điển hình, kiểu mẫu",
        upload=pdf("Nghị quyết 15.pdf"),
    )
    services.directive_document_add(
        actor=world.users["province_other"],
        province=world.hanoi,
        issuer=DirectiveDocument.Issuer.PEOPLES_COMMITTEE,
        kind=DirectiveDocument.Kind.SCHEME,
        number="09/ĐA-UBND",
        date=datetime.date(2023, 5, 1),
        title="Đề án Công an phường kiểu mẫu",
    )
    services.resources_set(
        actor=world.users["ward_own"],
        registration=world.registration,
        staff_norm=30,
        staff_actual=28,
        staff_under_35=12,
        staff_with_degree=20,
        headquarters=Resources.Headquarters.CONVERTED,
        funding_planned_vnd=1,
        funding_disbursed_vnd=0,
        equipment_adequate=True,
    )
    services.good_practice_add(
        actor=world.users["ward_own"],
        registration=world.registration,
        title="Dịch vụ công trực tuyến",
        description="Hướng dẫn nộp hồ sơ trực tuyến.",
        tags=["dịch vụ công", "chuyển đổi số"],
        photos=[png("quầy.png")],
    )
    return document


def test_the_admin_index_lists_the_audit_trail_and_the_context_models(admin_client):
    response = admin_client.get(reverse("admin:index"))

    assert response.status_code == 200
    for name in (
        "auditlog_logentry",
        "context_directivedocument",
        "context_resources",
        "context_goodpractice",
        "context_goodpracticephoto",
    ):
        assert reverse(f"admin:{name}_changelist") in response.content.decode()


def test_the_audit_log_changelist_shows_a_service_change_with_its_actor(admin_client, recorded):
    response = admin_client.get(reverse("admin:auditlog_logentry_changelist"), {"q": "15-NQ/TU"})

    entry = LogEntry.objects.get_for_object(recorded).get(action=LogEntry.Action.CREATE)
    assert list(response.context["cl"].result_list) == [entry]
    html = response.content.decode()
    assert str(recorded) in html
    assert reverse("admin:accounts_user_change", args=[entry.actor_id]) in html
    assert ">province_own</a>" in html


def test_directive_documents_filter_by_issuer_kind_and_province_and_search(
    admin_client, recorded, world
):
    url = reverse("admin:context_directivedocument_changelist")

    def found(**params) -> list[str]:
        response = admin_client.get(url, params)
        assert response.status_code == 200
        return sorted(document.number for document in response.context["cl"].result_list)

    assert found() == ["09/ĐA-UBND", "15-NQ/TU"]
    assert found(issuer__exact="peoples_committee") == ["09/ĐA-UBND"]
    assert found(kind__exact="nghi_quyet") == ["15-NQ/TU"]
    assert found(province__id__exact=world.hanoi.pk) == ["09/ĐA-UBND"]
    assert found(q="15-NQ") == ["15-NQ/TU"]
    assert found(q="Đề án") == ["09/ĐA-UBND"]


def test_the_directive_document_page_links_the_checked_download(admin_client, recorded):
    response = admin_client.get(
        reverse("admin:context_directivedocument_change", args=[recorded.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("context:directive-file", args=[recorded.pk]) in html
    assert "/media/" not in html


@pytest.mark.parametrize(
    ("model", "params", "count"),
    [
        ("resources", {"headquarters__exact": "converted"}, 1),
        ("goodpractice", {"tags__name": "chuyển đổi số"}, 1),
        ("goodpractice", {"q": "trực tuyến"}, 1),
        ("goodpracticephoto", {}, 1),
    ],
)
def test_the_other_context_changelists_filter(admin_client, recorded, model, params, count):
    response = admin_client.get(reverse(f"admin:context_{model}_changelist"), params)

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == count


def test_context_rows_cannot_be_added_or_changed_in_the_admin(admin_client, recorded):
    add = admin_client.get(reverse("admin:context_directivedocument_add"))
    change = admin_client.post(
        reverse("admin:context_directivedocument_change", args=[recorded.pk]), {"title": "x"}
    )

    assert add.status_code == 403
    assert change.status_code == 403
    recorded.refresh_from_db()
    assert recorded.title == "Về xây dựng Công an phường điển hình, kiểu mẫu"
