from django.urls import path

from comments import feeds, own, views

app_name = "comments"

urlpatterns = [
    path("<int:pk>/", views.permalink, name="permalink"),
    path("<int:pk>/edit/", own.edit, name="edit"),
    path("<int:pk>/delete/", own.delete, name="delete"),
    path("post/<int:post_id>/", views.post, name="post"),
    path("form-state/", views.form_state, name="form-state"),
    path("feed/<slug:slug>/", feeds.PostComments(), name="feed"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("moderate/<str:token>/", views.moderate, name="moderate"),
]
