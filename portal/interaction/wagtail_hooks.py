from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from portal.core.admin_hooks import REPORTS_MENU, register_menu_item

from .admin_views import LIST_COLUMNS, MessageAdminForm, OverdueReportView, SubmittedPanel, permission_policy
from .models import Message

register_permission_policy(Message, permission_policy)


class MessageViewSet(ModelViewSet):
    model = Message
    name = "inbox"
    menu_label = "留言与找错"
    icon = "mail"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = LIST_COLUMNS
    list_filter = ["kind", "status", "assignee", "publish_reply"]
    list_export = ["pk", "kind", "title", "status", "assignee", "submitted_at", "due_date", "replied_at"]
    search_fields = ["subject", "body", "reply"]
    ordering = ["-submitted_at"]
    edit_handler = ObjectList(
        [
            SubmittedPanel(heading="来信内容"),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("assignee"),
                    FieldPanel("due_date"),
                    FieldPanel("reply"),
                    FieldPanel("publish_reply"),
                    FieldPanel("note"),
                ],
                heading="办理",
            ),
        ],
        base_form_class=MessageAdminForm,
    )

    def get_urlpatterns(self):
        overdue = OverdueReportView.as_view()
        results = OverdueReportView.as_view(results_only=True)
        return [
            *super().get_urlpatterns(),
            path("overdue/", overdue, name="overdue"),
            path("overdue/results/", results, name="overdue_results"),
        ]


message_viewset = MessageViewSet()


@hooks.register("register_admin_viewset")
def register_message_viewset():
    return message_viewset


def may_handle_messages(user):
    return permission_policy.user_has_permission(user, "change")


register_menu_item(REPORTS_MENU, "逾期未办的留言", "inbox:overdue", may_handle_messages, icon_name="warning", order=60)


@hooks.register("insert_global_admin_css")
def inbox_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("interaction/admin.css"))
