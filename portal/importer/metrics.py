"""Match an extracted figure to a metric definition by its label or a synonym (pure Python, no Django).

The longest label or synonym found wins: first in the figure's own metric phrase (taken from the text),
then in the clause that leads up to the number. Matching uses the half-width form, spaces ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .documents import for_matching
from .figures import Figure

CLAUSE_BREAK_RE = re.compile(r"[。!?;,、:()]")


@dataclass(frozen=True)
class MetricTerms:
    """One metric definition as far as matching goes: its key (a primary key) and every name it goes by."""

    key: object
    names: tuple[str, ...]
    units: tuple[str, ...] = ()
    family: str = ""


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", for_matching(text))


def _clause_before(figure: Figure) -> str:
    """The sentence text from the last clause break up to the number ("…发放宣传品" in "…,发放宣传品2600余份")."""
    offset = figure.start - figure.sentence_start
    before = for_matching(figure.sentence[:offset])
    breaks = [m.end() for m in CLAUSE_BREAK_RE.finditer(before)]
    return before[breaks[-1] if breaks else 0 :]


def match_metric(figure: Figure, metrics: Iterable[MetricTerms]):
    """The key of the best-matching metric, or None when no label or synonym occurs near the figure."""
    names = [(_normalise(name), term.key) for term in metrics for name in term.names if name and name.strip()]
    names.sort(key=lambda pair: len(pair[0]), reverse=True)
    for context in (_normalise(figure.metric), _normalise(_clause_before(figure))):
        for name, key in names:
            if name and name in context:
                return key
    return None


def propose_metric(figure: Figure, metrics: Iterable[MetricTerms]):
    """The metric key for the figure among those that allow its unit (empty ``units`` = any unit)."""
    fitting = [term for term in metrics if not term.units or figure.unit in term.units]
    return match_metric(figure, fitting)
