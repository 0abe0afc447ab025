"""A material's period — a year, a half-year or a custom date range — as the pages, the dashboard and the exports
name, parse and filter it. Imports nothing of this app, so models, aggregation and views all build on it."""

import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class PeriodKind(models.TextChoices):
    YEAR = "year", "全年"
    FIRST_HALF = "h1", "上半年"
    SECOND_HALF = "h2", "下半年"
    CUSTOM = "custom", "自定义时段"


PERIOD_RE = re.compile(r"^([0-9]{4})(?:-(H1|H2))?$")
RANGE_RE = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})~([0-9]{4}-[0-9]{2}-[0-9]{2})$")
KIND_BY_SUFFIX = {None: PeriodKind.YEAR, "H1": PeriodKind.FIRST_HALF, "H2": PeriodKind.SECOND_HALF}
SUFFIX_BY_KIND = {kind: suffix for suffix, kind in KIND_BY_SUFFIX.items()}
YEARS = range(2000, 2101)


def current_year() -> int:
    """This year in Asia/Shanghai (TIME_ZONE): the default period of a new material and of the dashboard."""
    return timezone.localdate().year


def day_label(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def period_label(year, kind, start=None, end=None) -> str:
    """How a period reads everywhere (pages, dashboard, exports): 2025年上半年, 2025年3月1日—2025年9月30日."""
    if kind == PeriodKind.CUSTOM and start and end:
        return f"{day_label(start)}—{day_label(end)}"
    return f"{year}年{PeriodKind(kind).label}"


class PeriodError(ValueError):
    """A period parameter that is not 2025, 2025-H1, 2025-H2 or 2025-03-01~2025-09-30 (the message is Chinese)."""


@dataclass(frozen=True, order=True)
class Period:
    """A year, a half-year or a custom range (start and end dates, year = the start's year, as on the page)."""

    year: int
    kind: str = PeriodKind.YEAR
    start: datetime.date | None = None
    end: datetime.date | None = None

    @classmethod
    def parse(cls, text: str) -> "Period":
        text = text or ""
        if match := RANGE_RE.match(text):
            return cls._parse_range(text, match[1], match[2])
        match = PERIOD_RE.match(text)
        if not match or int(match[1]) not in YEARS:
            raise PeriodError(
                f"时段“{text[:30]}”无法识别，请使用如 2025、2025-H1（上半年）、2025-H2（下半年）"
                "或 2025-03-01~2025-09-30（自定义时段）的格式"
            )
        return cls(int(match[1]), KIND_BY_SUFFIX[match[2]])

    @classmethod
    def _parse_range(cls, text, start_text, end_text) -> "Period":
        try:
            start, end = datetime.date.fromisoformat(start_text), datetime.date.fromisoformat(end_text)
        except ValueError:
            raise PeriodError(f"时段“{text}”无法识别：日期不存在，请核对年、月、日") from None
        if start.year not in YEARS or end.year not in YEARS:
            raise PeriodError(f"时段“{text}”无法识别：日期须在2000年至2100年之间")
        if end < start:
            raise PeriodError(f"时段“{text}”无法识别：结束日期不能早于开始日期")
        return cls.custom(start, end)

    @classmethod
    def custom(cls, start: datetime.date, end: datetime.date) -> "Period":
        return cls(start.year, PeriodKind.CUSTOM, start, end)

    @classmethod
    def of(cls, year, kind, start, end) -> "Period":
        return cls(year, kind, start, end) if kind == PeriodKind.CUSTOM else cls(year, kind)

    @property
    def is_custom(self) -> bool:
        return self.kind == PeriodKind.CUSTOM

    @property
    def slug(self) -> str:
        if self.is_custom:
            return f"{self.start.isoformat()}~{self.end.isoformat()}"
        suffix = SUFFIX_BY_KIND[self.kind]
        return f"{self.year}-{suffix}" if suffix else str(self.year)

    @property
    def kind_label(self) -> str:
        return PeriodKind(self.kind).label

    @property
    def label(self) -> str:
        return period_label(self.year, self.kind, self.start, self.end)

    @property
    def recurring_label(self) -> str:
        """What the year-over-year table compares: 全年, or 同期（5月1日—6月30日） for a custom range."""
        if not self.is_custom:
            return self.kind_label
        later = {0: "", 1: "次年"}.get(self.end.year - self.start.year, f"{self.end.year - self.start.year}年后")
        return f"同期（{self.start.month}月{self.start.day}日—{later}{self.end.month}月{self.end.day}日）"

    def lookups(self, prefix: str = "") -> dict:
        """Filter arguments for the submissions of exactly this period (prefix "page__" from figure rows)."""
        fields = {"year": self.year, "period_kind": self.kind}
        if self.is_custom:
            fields |= {"period_start": self.start, "period_end": self.end}
        return {prefix + name: value for name, value in fields.items()}

    def every_year(self, prefix: str = "") -> Q:
        """This period in every year: the same kind, or for a custom range the same months and days (as many years
        apart as this one's start and end), so the year-over-year table compares like with like."""
        if not self.is_custom:
            return Q(**{prefix + "period_kind": self.kind})
        return Q(
            **{
                prefix + "period_kind": self.kind,
                prefix + "period_start__month": self.start.month,
                prefix + "period_start__day": self.start.day,
                prefix + "period_end__month": self.end.month,
                prefix + "period_end__day": self.end.day,
                prefix + "period_end__year": F(prefix + "period_start__year") + (self.end.year - self.start.year),
            }
        )
