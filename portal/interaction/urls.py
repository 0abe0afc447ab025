from django.urls import path

from . import views

app_name = "interaction"

urlpatterns = [
    path("message/", views.message_form, name="message"),
    path("replies/", views.replies, name="replies"),
    path("report/", views.error_report_form, name="report"),
    path("thanks/", views.thanks, name="thanks"),
]
