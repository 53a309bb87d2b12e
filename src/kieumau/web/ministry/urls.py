from django.urls import path

from kieumau.web.ministry import views

urlpatterns = [
    path("ministry/recognitions/", views.ministry_recognitions, name="ministry-recognitions"),
]
