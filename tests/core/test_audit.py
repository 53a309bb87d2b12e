import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry

from kieumau.accounts.models import User
from kieumau.core.audit import acting_as

pytestmark = pytest.mark.django_db


def _actor_of_last_change(user):
    return LogEntry.objects.get_for_object(user).order_by("-id").first().actor


def test_acting_as_records_the_actor_and_gives_the_outer_one_back():
    request_user = User.objects.create_user("nguoi-dung-web")
    service_user = User.objects.create_user("nguoi-dung-dich-vu")
    subject = User.objects.create_user("doi-tuong")

    with set_actor(request_user):  # what the middleware does for a web request
        with acting_as(service_user):
            subject.first_name = "Trong"
            subject.save()
        inner = _actor_of_last_change(subject)
        subject.first_name = "Sau"
        subject.save()
        after = _actor_of_last_change(subject)

    assert (inner, after) == (service_user, request_user)
