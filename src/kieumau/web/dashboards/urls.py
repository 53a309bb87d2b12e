from django.urls import path

from kieumau.web.dashboards import reports, views

urlpatterns = [
    path("dashboard/", views.national_dashboard, name="national-dashboard"),
    path("dashboard/province/", views.province_dashboard, name="province-dashboard"),
    path(
        "dashboard/province/<str:code>/",
        views.province_dashboard_of,
        name="province-dashboard-of",
    ),
    path("reports/national/<str:format>/", reports.national_report, name="report-national"),
    path(
        "reports/province/<str:code>/<str:format>/",
        reports.province_report,
        name="report-province",
    ),
]
