from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import HiddenSearchTerm, SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "搜索同义词"
    list_display = ["__str__", "note"]


class HiddenSearchTermViewSet(SnippetViewSet):
    model = HiddenSearchTerm
    icon = "view"
    menu_label = "不显示的热门搜索"
    list_display = ["term", "note"]


register_snippet(SearchSynonymViewSet)
register_snippet(HiddenSearchTermViewSet)
