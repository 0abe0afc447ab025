from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "portal.policies"
    verbose_name = "政策法规"
