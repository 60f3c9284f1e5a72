from django.urls import path

from subscriptions import views

# Not namespaced: the footer's form posts to {{ url('follow') }}.
urlpatterns = [
    path("", views.follow, name="follow"),
    path("confirm/<str:token>/", views.confirm, name="follow_confirm"),
    path("address/<str:token>/", views.address, name="follow_address"),
    path("stop/<str:token>/", views.stop, name="follow_stop"),
]
