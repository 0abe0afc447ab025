from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, Table, TitleColumn
from wagtail.admin.views.reports import ReportView

from portal.core.models import OrgUnit
from portal.exchange import exports
from portal.workflow.setup import CITY_ADMINS

from . import freshness, statistics
from .periods import PeriodForm


def is_city_admin(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=CITY_ADMINS).exists())


def explorer_url(page):
    return reverse("wagtailadmin_explore", args=[page.pk])


class FreshnessTable(Table):
    def get_row_classname(self, instance):
        return "editorial-overdue" if instance.overdue else ""


class StatusColumn(Column):
    cell_template_name = "editorial/status_cell.html"


class UnitColumn(Column):
    """The unit's short name in the table (the full name is its tooltip and goes to the exports)."""

    cell_template_name = "editorial/unit_cell.html"


class FreshnessReportView(ReportView):
    page_title = "栏目更新监测"
    header_icon = "time"
    template_name = "editorial/freshness_report.html"
    index_url_name = "editorial_freshness"
    table_class = FreshnessTable
    paginate_by = None
    columns = [
        TitleColumn("title", label="栏目", get_url=lambda section: explorer_url(section.page)),
        StatusColumn("status_label", label="状态"),
        Column("last_published_label", label="最近发布"),
        Column("days_since_label", label="距今天数"),
        Column("threshold_days", label="更新期限（天）"),
        Column("kind_label", label="类型", accessor="kind.label"),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not self.sections:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def sections(self):
        return freshness.sections_for(self.request.user)

    @property
    def only_overdue(self):
        return self.request.GET.get("overdue") == "1"

    def get_queryset(self):
        return [section for section in self.sections if section.overdue or not self.only_overdue]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            only_overdue=self.only_overdue,
            overdue_count=sum(section.overdue for section in self.sections),
            may_set_thresholds=self.request.user.has_perm("editorial.change_freshnesssettings"),
            **kwargs,
        )


def count_columns():
    """(column, full heading for the exports) for each item type and measure, then the totals."""
    columns = []
    for key, item_label, short_label, *_type in (*statistics.ITEM_TYPES, ("total", "合计", "合计")):
        for measure, measure_label in statistics.MEASURES:
            name = f"{key}_{measure}"
            columns.append(
                (Column(name, label=f"{short_label}{measure_label}", sort_key=name), item_label + measure_label)
            )
    return columns


class StatisticsView(ReportView):
    """The ranking of 信息报送 for city admins, sortable by any count, with CSV/XLSX downloads."""

    page_title = "信息报送统计"
    header_icon = "table"
    template_name = "editorial/statistics_report.html"
    index_url_name = "editorial_statistics"
    paginate_by = None
    default_ordering = "rank"

    def dispatch(self, request, *args, **kwargs):
        if not is_city_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def form(self):
        return PeriodForm(self.request.GET or None)

    @cached_property
    def span(self):
        return self.form.span()

    @cached_property
    def by_county(self):
        return self.form.chosen_level() == "county"

    @cached_property
    def columns_with_headings(self):
        units = [
            (Column("rank", label="名次", sort_key="rank"), "名次"),
            (UnitColumn("name", label="单位", sort_key="name"), "单位"),
        ]
        if not self.by_county:
            units.append((Column("county", label="所属县(区)", sort_key="county"), "所属县(区)"))
        return units + count_columns()

    @property
    def columns(self):
        return [column for column, _heading in self.columns_with_headings]

    @property
    def list_export(self):
        return [column.name for column in self.columns]

    @property
    def export_headings(self):
        return {column.name: heading for column, heading in self.columns_with_headings}

    def get_queryset(self):
        level = OrgUnit.Level.COUNTY if self.by_county else OrgUnit.Level.TOWNSHIP
        return self.order_queryset(statistics.tallies(self.span, level))

    def order_queryset(self, rows):
        ordering = self.ordering or self.default_ordering
        name = ordering.lstrip("-")
        return sorted(rows, key=lambda row: getattr(row, name), reverse=ordering.startswith("-"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, span=self.span, **kwargs)

    def get_filename(self):
        level = "county" if self.by_county else "township"
        return f"reporting-{level}-{self.span.first:%Y%m%d}-{self.span.last:%Y%m%d}"

    # Exports: the same neutralisation of formula-like text as the exchange dashboard's downloads.
    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return exports.csv_text(value) if export_format == self.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for value in row_dict.values():
            yield exports.xlsx_cell(worksheet, value, None)

    def stream_csv(self, queryset):
        yield "\ufeff"  # Excel opens UTF-8 as such only with a BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
