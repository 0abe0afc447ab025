"""Score portal.importer.figures against the hand-checked dev set (../shared/figures_dev.jsonl).

Usage (from the repository root):  python tests/importer/score_figures.py [gold.jsonl] [seeds_dir]
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from portal.importer.figures import Figure, extract_figures  # noqa: E402

SHARED_DIR = REPO_ROOT.parent / "shared"
DEFAULT_GOLD = SHARED_DIR / "figures_dev.jsonl"
DEFAULT_SEEDS = SHARED_DIR / "seeds"


def load_gold(gold_path: Path) -> dict[str, list[dict]]:
    rows_by_seed: dict[str, list[dict]] = defaultdict(list)
    with open(gold_path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                rows_by_seed[row["seed"]].append(row)
    return rows_by_seed


def _same_value(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) < 1e-9


def _sentence_spans(text: str, sentence: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(sentence)
    while start >= 0:
        spans.append((start, start + len(sentence)))
        start = text.find(sentence, start + 1)
    return spans


def _match_priority(text: str, figure: Figure, row: dict) -> int | None:
    """0 = same sentence, 1 = overlapping sentence, 2 = gold sentence contains the surface; else None."""
    if figure.sentence == row["sentence"]:
        return 0
    if any(start < figure.end and figure.start < end for start, end in _sentence_spans(text, row["sentence"])):
        return 1
    if text[figure.start : figure.end] in row["sentence"]:
        return 2
    return None


def match_seed(text: str, figures: list[Figure], rows: list[dict]) -> tuple[list[tuple[Figure, dict]], list, list]:
    """One-to-one matching on (value, unit) plus sentence evidence; returns matches, false pos., false neg."""
    unmatched = list(range(len(rows)))
    matches, false_positives = [], []
    for figure in figures:
        best = None
        for index in unmatched:
            row = rows[index]
            if row["unit"] != figure.unit or not _same_value(row["value"], figure.value):
                continue
            priority = _match_priority(text, figure, row)
            if priority is not None and (best is None or priority < best[0]):
                best = (priority, index)
        if best is None:
            false_positives.append(figure)
        else:
            unmatched.remove(best[1])
            matches.append((figure, rows[best[1]]))
    return matches, false_positives, [rows[index] for index in unmatched]


def score(gold_path, seeds_dir) -> dict:
    gold = load_gold(Path(gold_path))
    all_matches, false_positives, false_negatives = [], [], []
    predicted = 0
    for seed, rows in sorted(gold.items()):
        text = (Path(seeds_dir) / seed).read_text(encoding="utf-8")
        figures = extract_figures(text)
        predicted += len(figures)
        matches, fps, fns = match_seed(text, figures, rows)
        all_matches += matches
        false_positives += [(seed, figure) for figure in fps]
        false_negatives += [(seed, row) for row in fns]
    gold_total = sum(len(rows) for rows in gold.values())
    matched = len(all_matches)
    qualifier_ok = sum(figure.qualifier == row["qualifier"] for figure, row in all_matches)
    range_ok = sum(
        figure.is_range == row["is_range"] and _same_value(figure.value_max, row["value_max"])
        for figure, row in all_matches
    )
    return {
        "gold": gold_total,
        "predicted": predicted,
        "matched": matched,
        "precision": matched / predicted if predicted else 0.0,
        "recall": matched / gold_total if gold_total else 0.0,
        "qualifier_accuracy": qualifier_ok / matched if matched else 0.0,
        "range_accuracy": range_ok / matched if matched else 0.0,
        "false_positives": false_positives,
        "false_negatives": false_negatives,
        "mismatched_qualifiers": [(f, r) for f, r in all_matches if f.qualifier != r["qualifier"]],
    }


def throughput(seeds_dir=DEFAULT_SEEDS, min_chars: int = 1_000_000) -> float:
    """Characters per second of extract_figures over the seeds, repeated to at least ``min_chars``."""
    sample = "\n".join(path.read_text(encoding="utf-8") for path in sorted(Path(seeds_dir).glob("*.txt")))
    repeats = max(1, -(-min_chars // max(1, len(sample))))
    texts = [sample] * repeats
    began = time.perf_counter()
    for text in texts:
        extract_figures(text)
    elapsed = time.perf_counter() - began
    return len(sample) * repeats / elapsed


def main(argv: list[str]) -> int:
    gold_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_GOLD
    seeds_dir = Path(argv[2]) if len(argv) > 2 else DEFAULT_SEEDS
    result = score(gold_path, seeds_dir)
    print(f"gold={result['gold']} predicted={result['predicted']} matched={result['matched']}")
    print(
        f"precision={result['precision']:.4f} recall={result['recall']:.4f} "
        f"qualifier_accuracy={result['qualifier_accuracy']:.4f} range_accuracy={result['range_accuracy']:.4f}"
    )
    print(f"\nfalse positives ({len(result['false_positives'])}):")
    for seed, figure in result["false_positives"]:
        print(f"  {seed[:3]} {figure.value}{figure.unit} q={figure.qualifier!r} | {figure.sentence[:80]}")
    print(f"\nfalse negatives ({len(result['false_negatives'])}):")
    for seed, row in result["false_negatives"]:
        print(f"  {seed[:3]} {row['value']}{row['unit']} q={row['qualifier']!r} | {row['sentence'][:80]}")
    print(f"\nqualifier mismatches ({len(result['mismatched_qualifiers'])}):")
    for figure, row in result["mismatched_qualifiers"]:
        print(f"  {figure.value}{figure.unit} predicted={figure.qualifier!r} gold={row['qualifier']!r}")
    print(f"\nthroughput: {throughput(seeds_dir):,.0f} chars/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
