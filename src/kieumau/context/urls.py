from django.urls import path

from kieumau.context import views

app_name = "context"
urlpatterns = [
    path("documents/<int:pk>/file/", views.directive_file_download, name="directive-file"),
    path("practices/photos/<int:pk>/", views.practice_photo, name="practice-photo"),
]
