"""Score the metric proposals of portal.importer.metrics against a hand-labelled set.

The gold file has one row per figure (figures_dev_metrics.jsonl: seed, sentence, value, unit, vocabulary, note);
``vocabulary`` is the label of the 统计指标 the figure is a value of, or null. Extracted figures are matched to
gold rows one-to-one on (seed, sentence, value, unit). A proposal is right when it names the gold label; a
proposal on a figure with no gold row, or on a null row, is wrong.

* precision = right proposals / all proposals
* recall    = right proposals / gold rows with a label

The vocabulary comes from the exchange migrations, without a database: ``start`` is the starting vocabulary
(0002, what figures_dev_metrics.jsonl was labelled against), ``current`` adds the later vocabulary migrations.
(portal/exchange/vocabulary.py UNITS_NOT_PROPOSED is applied by the matcher itself.)
Leave-one-document-out and the later held-out sets: tests/importer/score_lodo.py.

Usage (from the repository root):
    python tests/importer/score_metrics.py [gold.jsonl] [seeds_dir] [--vocabulary start|current] [--quiet]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from portal.importer.figures import extract_figures  # noqa: E402
from portal.importer.metrics import MetricTerms, propose_metric  # noqa: E402

SHARED_DIR = REPO_ROOT.parent / "shared"
DEFAULT_GOLD = SHARED_DIR / "figures_dev_metrics.jsonl"
DEFAULT_SEEDS = SHARED_DIR / "seeds"
HELDOUT_DIR = Path(__file__).resolve().parent / "data"
HELDOUT_GOLD = HELDOUT_DIR / "heldout_metrics.jsonl"
HELDOUT2_GOLD = HELDOUT_DIR / "heldout2_metrics.jsonl"
HELDOUT3_GOLD = HELDOUT_DIR / "heldout3_metrics.jsonl"
LATER_GOLDS = [HELDOUT_DIR / f"heldout{number}_metrics.jsonl" for number in (4, 5, 6, 7, 8)]
MIGRATIONS = REPO_ROOT / "portal" / "exchange" / "migrations"


def _migration(name: str):
    spec = importlib.util.spec_from_file_location(f"exchange_migration_{name}", MIGRATIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _split(words: str) -> list[str]:
    return [word for word in words.replace(",", "、").replace("，", "、").split("、") if word]


def vocabulary_rows(which: str = "current") -> list[dict]:
    """The metric definitions as the migrations leave them: label, synonyms, units, family, aggregation."""
    rows = []
    for label, synonyms, family, unit, units, aggregation, _headline in _migration("0002_metric_vocabulary").METRICS:
        rows.append(
            {
                "label": label,
                "canonical": unit,
                "synonyms": _split(synonyms),
                "family": family,
                "units": _split(units),
                "aggregation": aggregation,
            }
        )
    if which == "current":
        for path in sorted(MIGRATIONS.glob("0*_vocabulary_*.py")):
            migration = _migration(path.stem)
            changes = getattr(migration, "VOCABULARY_CHANGES", {})
            for row in rows:
                added_synonyms, added_units = changes.get(row["label"], ((), ()))
                row["synonyms"] += [word for word in added_synonyms if word not in row["synonyms"]]
                row["units"] += [unit for unit in added_units if unit not in row["units"]]
                if hasattr(migration, "with_multiples"):
                    row["units"] = migration.with_multiples(row["units"])
    return rows


def vocabulary_terms(which: str = "current") -> list[MetricTerms]:
    return [
        MetricTerms(
            row["label"],
            (row["label"], *row["synonyms"]),
            units=tuple(row["units"]),
            family=row["family"],
            canonical=row["canonical"],
        )
        for row in vocabulary_rows(which)
    ]


def load_gold(gold_path: Path) -> dict[str, list[dict]]:
    rows_by_seed: dict[str, list[dict]] = defaultdict(list)
    with open(gold_path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                rows_by_seed[row["seed"]].append(row)
    return rows_by_seed


def _key(sentence: str, value, unit: str) -> tuple:
    return (sentence, None if value is None else round(float(value), 6), unit)


def score(gold_path=DEFAULT_GOLD, seeds_dir=DEFAULT_SEEDS, which: str = "current", terms=None, seeds=None) -> dict:
    """Score every seed of the gold file (or only ``seeds``) with the vocabulary ``which`` (or the given terms)."""
    terms = vocabulary_terms(which) if terms is None else terms
    gold = load_gold(Path(gold_path))
    if seeds is not None:
        gold = {seed: rows for seed, rows in gold.items() if seed in seeds}
    right, wrong, missed = [], [], []
    proposals = 0
    for seed, rows in sorted(gold.items()):
        text = (Path(seeds_dir) / seed).read_text(encoding="utf-8")
        open_rows: dict[tuple, list[dict]] = defaultdict(list)
        for row in rows:
            open_rows[_key(row["sentence"], row["value"], row["unit"])].append(row)
        matched_rows = set()
        for figure in extract_figures(text):
            candidates = open_rows.get(_key(figure.sentence, figure.value, figure.unit))
            row = candidates.pop(0) if candidates else None
            proposed = propose_metric(figure, terms)
            expected = row["vocabulary"] if row else None
            if row is not None:
                matched_rows.add(id(row))
            if proposed is not None:
                proposals += 1
                (right if proposed == expected else wrong).append((seed, figure, proposed, row))
            if expected is not None and proposed != expected:
                missed.append((seed, figure, proposed, row))
        for row in rows:
            if row["vocabulary"] is not None and id(row) not in matched_rows:
                missed.append((seed, None, None, row))
    mappable = sum(1 for rows in gold.values() for row in rows if row["vocabulary"] is not None)
    return {
        "rows": sum(len(rows) for rows in gold.values()),
        "mappable": mappable,
        "proposals": proposals,
        "right": len(right),
        "precision": len(right) / proposals if proposals else 0.0,
        "recall": len(right) / mappable if mappable else 0.0,
        "wrong": wrong,
        "missed": missed,
    }


def _line(seed: str, figure, proposed, row) -> str:
    value = "(not extracted)"
    if figure is not None:
        value = f"{figure.value}{figure.unit} role={figure.role} 原文指标={figure.metric!r}"
    expected = row["vocabulary"] if row else "(no gold row)"
    sentence = (row or {}).get("sentence") or (figure.sentence if figure else "")
    return f"  {seed[:16]} {value} proposed={proposed} gold={expected} | {sentence[:60]}"


def report(title: str, result: dict, quiet: bool = False) -> None:
    print(
        f"{title}: rows={result['rows']} mappable={result['mappable']} proposals={result['proposals']} "
        f"right={result['right']} precision={result['precision']:.3f} recall={result['recall']:.3f}"
    )
    if quiet:
        return
    print(f" wrong proposals ({len(result['wrong'])}):")
    for item in result["wrong"]:
        print(_line(*item))
    print(f" missed ({len(result['missed'])}):")
    for item in result["missed"]:
        print(_line(*item))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path)
    parser.add_argument("seeds", nargs="?", type=Path)
    parser.add_argument("--vocabulary", choices=["start", "current"], default="current")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv[1:])
    if args.gold:
        report(str(args.gold), score(args.gold, args.seeds or DEFAULT_SEEDS, args.vocabulary), args.quiet)
        return 0
    report("dev (figures_dev_metrics.jsonl)", score(DEFAULT_GOLD, DEFAULT_SEEDS, args.vocabulary), args.quiet)
    report("held-out 1 (tests/importer/data)", score(HELDOUT_GOLD, HELDOUT_DIR, args.vocabulary), args.quiet)
    report("held-out 2 (tests/importer/data)", score(HELDOUT2_GOLD, HELDOUT_DIR, args.vocabulary), args.quiet)
    report("held-out 3 (tests/importer/data)", score(HELDOUT3_GOLD, HELDOUT_DIR, args.vocabulary), args.quiet)
    for number, gold in enumerate(LATER_GOLDS, start=4):
        report(f"held-out {number} (tests/importer/data)", score(gold, HELDOUT_DIR, args.vocabulary), args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
