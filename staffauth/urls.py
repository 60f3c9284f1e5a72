from django.urls import path

from staffauth import views

app_name = "staffauth"
urlpatterns = [
    # In place of the admin's own sign-in page, at its address.
    path("login/", views.SignInView.as_view(), name="login"),
    path("two-factor/", views.second_step, name="two-factor"),
    path("two-factor/setup/", views.setup, name="two-factor-setup"),
]
