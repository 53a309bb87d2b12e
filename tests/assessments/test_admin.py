import pytest
from django.urls import reverse

from kieumau.accounts.models import Role, User
from kieumau.assessments.models import Evidence
from kieumau.assessments.services import assessment_recognise

from .actions import DECISION, move
from .factories import action_item_create, evidence_create, result_of


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("quantri", password=None, role=Role.MINISTRY)


@pytest.fixture
def recognised(assessment, people):
    evidence_create(result_of(assessment, "1"), people.ward_own)
    action_item_create(result_of(assessment, "3"))
    move("submit", assessment, people.ward_own, version=1)
    move("approve", assessment, people.province_own, version=2)
    return assessment_recognise(actor=people.ministry, assessment=assessment, **DECISION, version=3)


def test_the_assessment_page_shows_results_and_steps_without_editing(client, superuser, recognised):
    client.force_login(superuser)

    response = client.get(reverse("admin:assessments_assessment_change", args=[recognised.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Phường Trường Vinh" in page
    assert "Tiêu chí 4" in page
    results, steps = (f.formset for f in response.context["inline_admin_formsets"])
    assert [form.instance.criterion.code for form in results] == ["1", "2", "3", "4"]
    assert [form.instance.actor.username for form in steps] == ["phuong", "tinh", "bo"]
    assert 'name="state"' not in page
    assert 'name="_save"' not in page


@pytest.mark.parametrize("model", ["assessment", "evidence", "recognition", "actionitem"])
def test_each_admin_list_opens_and_lists_the_record(client, superuser, recognised, model):
    client.force_login(superuser)

    response = client.get(reverse(f"admin:assessments_{model}_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_assessments_are_filtered_by_state_level_and_round(client, superuser, recognised):
    client.force_login(superuser)
    url = reverse("admin:assessments_assessment_changelist")

    matching = client.get(
        url,
        {
            "state__exact": "recognised",
            "level__exact": "not_met",
            "registration__round__id__exact": recognised.registration.round_id,
        },
    )
    other = client.get(url, {"state__exact": "draft"})

    assert matching.context["cl"].result_count == 1
    assert other.context["cl"].result_count == 0


def test_evidence_is_linked_only_through_the_download_view(client, superuser, recognised):
    client.force_login(superuser)
    evidence = Evidence.objects.get()

    response = client.get(reverse("admin:assessments_evidence_change", args=[evidence.pk]))

    page = response.content.decode()
    download = reverse("assessments:evidence-download", args=[evidence.pk])
    assert f'<a href="{download}">bien-ban.pdf</a>' in page
    assert evidence.file.name not in page
    assert evidence.storage_name not in page


@pytest.mark.parametrize("model", ["assessment", "evidence", "recognition", "actionitem"])
def test_records_are_added_through_the_services_not_the_admin(client, superuser, model):
    client.force_login(superuser)

    response = client.get(reverse(f"admin:assessments_{model}_add"))

    assert response.status_code == 403
