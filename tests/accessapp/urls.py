from django.urls import path

from tests.accessapp import views

app_name = "accessapp"

urlpatterns = [
    path("undeclared/", views.undeclared, name="undeclared"),
    path("signed-in/", views.signed_in_page, name="signed_in"),
    path("secretariat/", views.secretariat_page, name="secretariat"),
    path("folders/<int:pk>/", views.folder_detail, name="folder"),
    path("folders/<int:pk>/edit/", views.folder_edit, name="folder_edit"),
    path("paper-files/<int:pk>/", views.paper_file_detail, name="paper_file"),
    path("answers/<int:pk>/", views.answer_detail, name="answer"),
]
