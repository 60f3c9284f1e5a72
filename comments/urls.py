from django.urls import path

from comments import feeds, views

app_name = "comments"

urlpatterns = [
    path("<int:pk>/", views.permalink, name="permalink"),
    path("post/<int:post_id>/", views.post, name="post"),
    path("form-state/", views.form_state, name="form-state"),
    path("feed/<slug:slug>/", feeds.PostComments(), name="feed"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
