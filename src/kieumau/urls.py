from django.contrib import admin
from django.urls import include, path

from kieumau.api.api import api
from kieumau.web.views import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),  # Django's, rate-limited
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("context/", include("kieumau.context.urls")),
    path("assessments/", include("kieumau.assessments.urls")),
    path("", include("kieumau.web.urls")),
]
