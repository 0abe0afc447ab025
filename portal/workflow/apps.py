from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "portal.workflow"
    verbose_name = "审核流程"

    def ready(self):
        from .notifications import register_review_emails

        register_review_emails()
