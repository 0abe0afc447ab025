import re

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.search.backends import get_search_backend

from portal.core.privacy import public_files
from search.results import MAX_HITS

MAX_OFFSET = 1_000_000
# Wagtail's API answers a bad request or a missing object with an English message: each of them in Chinese.
# The page a filter names: "descendant page doesn't exist" answers ancestor_of=, whose page is the descendant.
PARAMETER_PAGES = {"parent": "child_of", "descendant": "ancestor_of", "ancestor": "descendant_of"}
MESSAGES = [
    (r"unknown fields: (.+)", "没有这些字段：{0}"),
    (r"fields error: (.+)", "fields 参数有误：{0}"),
    (r"'(.+)' does not support nested fields", "“{0}”没有下级字段"),
    (r"(\w+) must be a positive integer", "{0} 必须是正整数"),
    (r"limit cannot be higher than (\d+)", "limit 不能大于 {0}"),
    (r"type doesn't exist", "type 指定的页面类型不存在"),
    (r"(parent|ancestor|descendant) page doesn't exist", "{0} 指定的页面不存在"),
    (r"translation_of page doesn't exist", "translation_of 指定的页面不存在"),
    (r"cannot order by '(.+)' \((?:unknown|invalid) field\)", "不能按“{0}”排序"),
    (r"cannot (filter|order) by '(.+)' while searching \(field is not indexed\)", "搜索时不能按“{1}”筛选或排序"),
    (r"random ordering cannot be combined with other fields", "order=random 不能和别的排序字段一起用"),
    (r"random ordering with offset is not supported", "order=random 不能和 offset 一起用"),
    (r"filtering by tag with a search query is not supported", "不能同时按标签筛选和搜索"),
    (r"filtering by descendant_of with child_of is not supported", "descendant_of 和 child_of 不能同时用"),
    (r"query parameter is not an operation or a recognised field: (.+)", "不认识的参数：{0}"),
    (r"field filter error\. '(.*)' is not a valid value for (.+) \(.*\)", "{1} 的值“{0}”无效"),
    (r"field filter error\. null characters are not allowed for (.+)", "{0} 里不能有空字符"),
    (r"search is disabled", "搜索已关闭"),
    (r"not found|No .+ matches the given query\.", "没有找到"),
]
MESSAGES = [(re.compile(pattern), chinese) for pattern, chinese in MESSAGES]


def in_chinese(message):
    """Wagtail's English message in Chinese (parameter and field names kept); one it does not know, unchanged."""
    for pattern, chinese in MESSAGES:
        if match := pattern.fullmatch(message):
            groups = [PARAMETER_PAGES.get(group, in_chinese(group)) for group in match.groups()]
            return chinese.format(*groups)
    return message


class CheckedSearchFilter(SearchFilter):
    """Answers 400, like Wagtail's other bad parameters, for two inputs that otherwise raise a 500:
    an unknown search_operator (ValueError) and a blank search on SQLite (the query compiles to nothing).

    And bounds what one search costs, as the search page does: the database backends rank the newest matches
    (search/backends/base.py) and answer the best MAX_HITS of them, where Wagtail's filter ranks and counts every
    match (650 ms for a broad query over 50,000 pages on PostgreSQL, tests/perf/bench_search.py)."""

    def filter_queryset(self, request, queryset, view):
        if request.GET.get("search_operator", "or") not in {"or", "and"}:
            raise BadRequestError("search_operator 只能是 or 或 and")
        if "search" in request.GET and not request.GET["search"].strip():
            raise BadRequestError("search 不能为空")
        results = super().filter_queryset(request, queryset, view)  # Wagtail's checks and its 400s
        if not hasattr(results, "rows"):
            return results  # no search, nothing searchable in it, or a backend that ranks by itself (Elasticsearch)
        ordered = "order" in request.GET
        if ordered:  # the best matches, then the order asked for (the OrderingFilter's, on the queryset)
            operator = request.GET.get("search_operator")
            results = get_search_backend().search(request.GET["search"], queryset, operator=operator)
        ranked = [pk for (pk,) in results[:MAX_HITS].rows(("pk",))]
        return queryset.filter(pk__in=ranked) if ordered else RankedObjects(queryset, ranked)


class RankedObjects:
    """The objects of `pks` in that order, as the API's paginator reads them (count, then one slice): each slice
    read by primary key, not through an ORDER BY of hundreds of CASE branches (30 ms to build)."""

    def __init__(self, queryset, pks):
        self.queryset, self.pks = queryset, pks

    def count(self):
        return len(self.pks)

    def __getitem__(self, key):
        pks = self.pks[key]
        found = self.queryset.in_bulk(pks)
        return [found[pk] for pk in pks if pk in found]


class CheckedParametersMixin:
    """An offset past 64-bit integers overflows the database (a 500); Wagtail itself checks only its sign. And every
    refusal's message in Chinese."""

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if isinstance(getattr(response, "data", None), dict) and "message" in response.data:
            response.data["message"] = in_chinese(str(response.data["message"]))
        return response

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        try:
            offset = int(self.request.GET.get("offset", 0))
        except ValueError:
            return  # Wagtail's paginator answers 400 for it
        if offset > MAX_OFFSET:
            raise BadRequestError(f"offset 不能大于 {MAX_OFFSET}")


class PublicFilesMixin:
    """Documents and images: Wagtail leaves out those in restricted collections; a township's files are left out
    too until a live, public page uses them (portal.core.privacy), in listings, details and find alike."""

    def get_queryset(self):
        return public_files(super().get_queryset())


def checked(viewset, *mixins):
    backends = [CheckedSearchFilter if backend is SearchFilter else backend for backend in viewset.filter_backends]
    return type(viewset.__name__, (CheckedParametersMixin, *mixins, viewset), {"filter_backends": backends})


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", checked(PagesAPIViewSet))
api_router.register_endpoint("images", checked(ImagesAPIViewSet, PublicFilesMixin))
api_router.register_endpoint("documents", checked(DocumentsAPIViewSet, PublicFilesMixin))
