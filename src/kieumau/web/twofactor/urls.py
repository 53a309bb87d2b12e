from django.urls import path

from kieumau.web.twofactor import views

urlpatterns = [
    path("account/two-factor/", views.account, name="two-factor"),
    path("account/two-factor/setup/", views.enrol, name="two-factor-enrol"),
    path("account/two-factor/verify/", views.verify, name="two-factor-verify"),
    path(
        "account/two-factor/recovery-codes/",
        views.recovery_renew,
        name="two-factor-recovery-renew",
    ),
    path("account/two-factor/disable/", views.disable, name="two-factor-disable"),
]
