from django.urls import path

from kieumau.web.province import views

urlpatterns = [
    path("province/registrations/", views.province_registrations, name="province-registrations"),
    path("province/reviews/", views.province_reviews, name="province-reviews"),
    path("province/documents/", views.province_documents, name="province-documents"),
]
