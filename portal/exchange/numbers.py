"""What a figure is and how it is written and shown: its role, multipliers (万/亿), qualifiers and number formatting.

The one vocabulary of the exchange models and the importer. No settings or database needed (the importer's
extraction runs without Django set up), only Django's TextChoices.
"""

from decimal import Decimal

from django.db import models


class Role(models.TextChoices):
    """What a figure states: a result, or a target, a per-unit standard, a threshold or a score of a rubric, or the
    earlier state of a change (the 3000 of 会员由3000人增加到3200人). Totals take only results."""

    ACTUAL = "actual", "实际完成"
    TARGET = "target", "目标"
    STANDARD = "standard", "标准"
    THRESHOLD = "threshold", "门槛"
    SCORE = "score", "分值"
    EARLIER = "earlier", "变化前"


MULTIPLIERS = (("亿", 100_000_000), ("万", 10_000))
RATE_UNITS = ("%", "‰")

LOWER_BOUND_QUALIFIERS = ("余", "多", "以上", "不少于", "不低于", "近+余")
UPPER_BOUND_QUALIFIERS = ("以下", "以内")
APPROXIMATE_QUALIFIERS = ("近", "约", "左右")
PREFIX_QUALIFIERS = ("近", "约", "不少于", "不低于")
BEFORE_UNIT_QUALIFIERS = ("余", "多")
WORD_QUALIFIERS = ("余", "多", "以上", "以下", "以内", "近", "约", "左右", "不少于", "不低于")
# 限定词 as stored: "" for none, "近+余" for both at once (近500余人).
QUALIFIER_CHOICES = [("", "（无）"), *((word, word) for word in WORD_QUALIFIERS), ("近+余", "近……余")]


def multiplier_for(unit: str) -> int:
    """万元 → 10000, 亿元 → 100000000, 人 → 1: the factor that turns the written number into base units."""
    for prefix, factor in MULTIPLIERS:
        if unit.startswith(prefix):
            return factor
    return 1


def in_base_unit(number, unit: str) -> Decimal | None:
    """A written number in the base unit: (4300, 万元) → 43000000; None stays None."""
    return None if number is None else Decimal(number) * multiplier_for(unit)


def base_unit(unit: str) -> str:
    """万元 → 元; a bare 万 (population) → ''."""
    return unit[1:] if multiplier_for(unit) != 1 else unit


def format_number(value: Decimal | int | float, places: int = 2, *, grouping: bool = True) -> str:
    """12345.600 → '12,345.6'; at most `places` decimals, no trailing zeros."""
    quantised = Decimal(value).quantize(Decimal(1).scaleb(-places))
    text = f"{quantised:{',' if grouping else ''}.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def written(value, unit: str, qualifier: str = "", value_max=None) -> str:
    """A figure the way Chinese text writes it: 15000余份, 95%以上, 近3万元, 500-1000元, 近500余人."""
    number = format_number(value, 4, grouping=False)
    if value_max is not None:
        number = f"{number}-{format_number(value_max, 4, grouping=False)}"
    if qualifier == "近+余":
        return f"近{number}余{unit}"
    if qualifier in PREFIX_QUALIFIERS:
        return f"{qualifier}{number}{unit}"
    if qualifier in BEFORE_UNIT_QUALIFIERS:
        return f"{number}{qualifier}{unit}"
    return f"{number}{unit}{qualifier}"


def bound_sign(*, lower: bool, upper: bool, approximate: bool) -> str:
    """The sign in front of a total: ≥ when some part is only a lower bound, ≤ for upper bounds, 约 when mixed."""
    if lower and not upper and not approximate:
        return "≥"
    if upper and not lower and not approximate:
        return "≤"
    if lower or upper or approximate:
        return "约"
    return ""


def readable_total(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """Large totals in 万: 43000000 元 → (4300, 万元); rates and small numbers unchanged."""
    if unit in (*RATE_UNITS, "") or abs(value) < 100_000:
        return value, unit
    return value / 10_000, f"万{unit}"


def chart_scale(values, unit: str) -> tuple[int, str]:
    """One divisor and unit for a whole chart, as its table shows the largest value: (10000, "万元") when any total
    reads in 万, else (1, unit)."""
    if any(readable_total(Decimal(str(value)), unit)[1] != unit for value in values):
        return 10_000, f"万{unit}"
    return 1, unit
