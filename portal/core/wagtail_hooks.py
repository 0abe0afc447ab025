from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_hooks import register_after_page_saved
from .forms import HolidayForm, OrgUnitForm
from .models import Campaign, Holiday, OrgUnit
from .privacy import check_document_is_public
from .slugs import tell_editor_about_slug

hooks.register("before_serve_document", check_document_is_public)
register_after_page_saved(tell_editor_about_slug)


class OrgUnitViewSet(SnippetViewSet):
    model = OrgUnit
    icon = "group"
    menu_label = "组织单位"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["indented_name", "short_name", "level", "code"]
    list_filter = ["level"]
    search_fields = ["name", "short_name", "code"]
    # A database filter (icontains), not the search index: the SQLite backend cannot restrict a search to fields,
    # and a part of a name ("溪县") or of a code ("qingxi-") should match too. A few hundred units at most.
    search_backend_name = None
    ordering = ["path"]
    edit_handler = ObjectList(OrgUnit.panels, base_form_class=OrgUnitForm)


register_snippet(OrgUnitViewSet)


class CampaignViewSet(SnippetViewSet):
    model = Campaign
    icon = "date"
    menu_label = "宣传活动"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "kind", "month_day"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]


register_snippet(CampaignViewSet)


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "date"
    menu_label = "节假日安排"
    add_to_settings_menu = True
    list_display = ["name", "first_day", "last_day"]
    edit_handler = ObjectList(Holiday.panels, base_form_class=HolidayForm)


register_snippet(HolidayViewSet)
