from django.contrib.auth import views as auth_views
from django.urls import path

from kieumau.web import views
from kieumau.web.dashboards import urls as dashboards
from kieumau.web.imports import urls as imports
from kieumau.web.ministry import urls as ministry
from kieumau.web.province import urls as province
from kieumau.web.tokens import urls as tokens
from kieumau.web.twofactor import urls as twofactor
from kieumau.web.ward import urls as ward

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("round/", views.round_switch, name="round-switch"),
    *ward.urlpatterns,
    *province.urlpatterns,
    *ministry.urlpatterns,
    *dashboards.urlpatterns,
    *imports.urlpatterns,
    *tokens.urlpatterns,
    *twofactor.urlpatterns,
]
