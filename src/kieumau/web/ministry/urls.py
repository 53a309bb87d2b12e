from django.urls import path

from kieumau.web.ministry import recognitions

urlpatterns = [
    path(
        "ministry/recognitions/",
        recognitions.ministry_recognitions,
        name="ministry-recognitions",
    ),
    path(
        "ministry/recognitions/<int:pk>/",
        recognitions.ministry_recognise,
        name="ministry-recognise",
    ),
    path(
        "ministry/recognitions/<int:pk>/return/",
        recognitions.ministry_return,
        name="ministry-return",
    ),
]
