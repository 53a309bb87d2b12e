from django.urls import path

from kieumau.web.dashboards import views

urlpatterns = [
    path("dashboard/", views.national_dashboard, name="national-dashboard"),
    path("dashboard/province/", views.province_dashboard, name="province-dashboard"),
    path(
        "dashboard/province/<str:code>/",
        views.province_dashboard_of,
        name="province-dashboard-of",
    ),
]
