"""Leave-one-document-out scores of the metric proposals: each labelled document is scored with a vocabulary
that owes nothing to it.

The starting vocabulary (exchange migration 0002) is what the labels were written against, so it is always
kept. Every later addition (a synonym, or an allowed unit, of one metric) is traced to the labelled documents it
could have been learnt from:

* a synonym is attested in a document whose text contains it;
* an allowed unit is attested in a document that has a gold row in that unit that is of that metric, or whose
  sentence names the metric (15位中心户长 is null in the gold file because 位 was not allowed, yet it is where
  位 was learnt).

When document D is held out, the additions attested in D and in no other of the documents that predate them
(SOURCES) are left out: only D could have taught them. The later sets (FRESH) come after the vocabulary, so
nothing is left out for them. Additions attested elsewhere (or nowhere: domain knowledge) stay. The 万/亿 multiples
of a unit a metric takes come from a rule (migration 0006 ``with_multiples``), not from a document, and stay.

What this cannot take out: the rules in portal/importer/metrics.py were written while looking at all of these
documents. The sets heldout4–8 (tests/importer/data) were each written and labelled before the matcher was
scored on them; ``--fresh`` scores them apart (their first scores are in the commit messages and the report).

Usage (from the repository root):
    python tests/importer/score_lodo.py [--provenance] [--verbose] [--fresh]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import score_metrics as scorer  # noqa: E402

from portal.importer.metrics import MetricTerms, normalise_label  # noqa: E402

DATA = scorer.HELDOUT_DIR
FRESH = [  # written and labelled in the last round, each before the matcher was scored on it
    (DATA / "heldout4_metrics.jsonl", DATA),
    (DATA / "heldout5_metrics.jsonl", DATA),
    (DATA / "heldout6_metrics.jsonl", DATA),
    (DATA / "heldout7_metrics.jsonl", DATA),
    (DATA / "heldout8_metrics.jsonl", DATA),
]
SOURCES = [  # the labelled documents the vocabulary additions (migration 0006) could have been learnt from
    (scorer.DEFAULT_GOLD, scorer.DEFAULT_SEEDS),
    (scorer.HELDOUT_GOLD, DATA),
    (scorer.HELDOUT2_GOLD, DATA),
    (scorer.HELDOUT3_GOLD, DATA),
]
CORPORA = [*SOURCES, *FRESH]  # (gold file, folder of the texts)


def documents(corpora) -> dict[str, tuple[Path, Path, list[dict]]]:
    """seed → (gold file, texts folder, gold rows)."""
    found = {}
    for gold_path, folder in corpora:
        if not Path(gold_path).exists():
            continue
        for seed, rows in scorer.load_gold(Path(gold_path)).items():
            found[seed] = (Path(gold_path), Path(folder), rows)
    return found


def additions() -> list[tuple[str, str, str]]:
    """(metric label, 'synonym' or 'unit', word) for everything the current vocabulary has beyond the start."""
    start = {row["label"]: row for row in scorer.vocabulary_rows("start")}
    multiples = scorer._migration("0006_vocabulary_synonyms_units").with_multiples
    found = []
    for row in scorer.vocabulary_rows("current"):
        first = start.get(row["label"])
        old_synonyms = set(first["synonyms"]) if first else set()
        old_units = set(multiples(first["units"])) if first else set()
        found += [(row["label"], "synonym", word) for word in row["synonyms"] if word not in old_synonyms]
        grown = set(multiples([unit for unit in row["units"] if unit[:1] not in "万亿"]))
        for unit in row["units"]:
            is_rule_multiple = unit[:1] in "万亿" and unit in grown and unit[1:] in row["units"]
            if unit not in old_units and not is_rule_multiple:
                found.append((row["label"], "unit", unit))
    return found


def provenance(docs) -> dict[tuple[str, str, str], set[str]]:
    """Each addition → the documents it is attested in."""
    texts = {
        seed: normalise_label((folder / seed).read_text(encoding="utf-8")) for seed, (_g, folder, _r) in docs.items()
    }
    names = {row["label"]: [row["label"], *row["synonyms"]] for row in scorer.vocabulary_rows("current")}
    units_used = defaultdict(set)
    for seed, (_gold, _folder, rows) in docs.items():
        for row in rows:
            sentence = normalise_label(row["sentence"])
            for label, words in names.items():
                if row["vocabulary"] == label or any(normalise_label(word) in sentence for word in words):
                    units_used[(label, row["unit"])].add(seed)
    found = {}
    for label, kind, word in additions():
        if kind == "synonym":
            key = normalise_label(word)
            found[(label, kind, word)] = {seed for seed, text in texts.items() if key and key in text}
        else:
            found[(label, kind, word)] = set(units_used.get((label, word), set()))
    return found


def terms_without(held_out: str, sources) -> list[MetricTerms]:
    """The current vocabulary less the additions only the held-out document attests."""
    dropped = {item for item, seeds in sources.items() if seeds == {held_out}}
    terms = []
    for row in scorer.vocabulary_rows("current"):
        synonyms = [w for w in row["synonyms"] if (row["label"], "synonym", w) not in dropped]
        units = [u for u in row["units"] if (row["label"], "unit", u) not in dropped]
        units = [u for u in units if not (u[:1] in "万亿" and (row["label"], "unit", u[1:]) in dropped)]
        terms.append(
            MetricTerms(
                row["label"],
                (row["label"], *synonyms),
                units=tuple(units),
                family=row["family"],
                canonical=row["canonical"],
            )
        )
    return terms


def pooled(results: list[dict]) -> tuple[int, int, int, float, float]:
    proposals = sum(result["proposals"] for result in results)
    right = sum(result["right"] for result in results)
    mappable = sum(result["mappable"] for result in results)
    return proposals, right, mappable, right / proposals if proposals else 0.0, right / mappable if mappable else 0.0


def line(title: str, proposals: int, right: int, mappable: int, precision: float, recall: float) -> str:
    return f"{title:28} mappable={mappable:3} proposals={proposals:3} right={right:3} P={precision:.3f} R={recall:.3f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provenance", action="store_true", help="list each addition and where it is attested")
    parser.add_argument("--verbose", action="store_true", help="list wrong and missed proposals per document")
    parser.add_argument("--fresh", action="store_true", help="also score the sets heldout4-8 with the whole vocabulary")
    args = parser.parse_args(argv[1:])
    docs = documents(CORPORA)
    sources = provenance(documents(SOURCES))
    if args.provenance:
        for (label, kind, word), seeds in sorted(sources.items(), key=lambda item: (item[0][0], item[0][1])):
            print(f"{label:12} {kind:7} {word:10} {', '.join(sorted(seeds)) or '(no document: domain knowledge)'}")
    results = []
    for seed, (gold_path, folder, _rows) in sorted(docs.items()):
        terms = terms_without(seed, sources)
        dropped = sum(1 for seeds in sources.values() if seeds == {seed})
        result = scorer.score(gold_path, folder, terms=terms, seeds={seed})
        results.append(result)
        print(line(seed[:28], *pooled([result])) + f" (additions left out: {dropped})")
        if args.verbose:
            for kind in ("wrong", "missed"):
                for item in result[kind]:
                    print(f"   {kind}:" + scorer._line(*item))
    print(line("leave-one-document-out", *pooled(results)))
    if args.fresh:
        fresh_docs = documents(FRESH)
        fresh = [
            scorer.score(gold_path, folder, "current", seeds={seed})
            for seed, (gold_path, folder, _rows) in sorted(fresh_docs.items())
        ]
        print(line("heldout4-8, whole vocabulary", *pooled(fresh)))
        if args.verbose:
            for result in fresh:
                for kind in ("wrong", "missed"):
                    for item in result[kind]:
                        print(f"   {kind}:" + scorer._line(*item))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
