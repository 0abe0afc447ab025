"""Benchmark of the pre-publish check (portal/checks/matching.py): 1,000 敏感词 and 1,000 易错词 on a long page.

    .venv/bin/python tests/perf/bench_checks.py      # BENCH_WORDS=1000, BENCH_CHARS=100000, BENCH_RUNS=7

The words are random 2–6 character strings of common Chinese characters (some with Latin letters, 易错词 with a
#### year pattern); the page is BENCH_CHARS characters of Chinese text in 1,000-character paragraphs, with spaces and
full-width punctuation, and a few of the words planted in it, some with spaces between their characters. Prints the
median time to build each list's matcher (done once per list change, then cached) and to check the page, against a
plain alternation regex of the same words as a baseline. No database: the check's own queries are two (one per list).
"""

import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from portal.checks.matching import WordMatcher, folded_text

WORDS = int(os.environ.get("BENCH_WORDS", "1000"))
CHARS = int(os.environ.get("BENCH_CHARS", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种"
    "面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本"
    "去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比"
    "或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做"
    "必战先回则任取据处理府研质"
)
random.seed(2026)


def random_word(length):
    return "".join(random.choice(COMMON) for _ in range(length))


def page_text(sensitive, mistakes):
    paragraphs = []
    for number in range(CHARS // 1000):
        paragraph = random_word(990) + "，。 　"
        if number % 10 == 0:
            word = random.choice(sensitive)
            paragraph += " ".join(word) + random.choice(mistakes)[0].replace("####", "2026")
        paragraphs.append(paragraph[:1000])
    return "\n".join(paragraphs)


def median_seconds(function, runs=RUNS):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    sensitive = [random_word(random.randint(2, 6)) for _ in range(WORDS - 50)]
    sensitive += [random_word(2) + random.choice(["ab", "XY", "q"]) for _ in range(50)]
    mistakes = [(random_word(random.randint(2, 6)), random_word(3)) for _ in range(WORDS - 20)]
    mistakes += [(f"{random_word(2)}[####]", f"{random_word(2)}〔####〕") for _ in range(20)]
    text = page_text(sensitive, mistakes)
    print(f"{len(sensitive)} 敏感词, {len(mistakes)} 易错词, page of {len(text):,} characters, median of {RUNS}")

    build_s, sensitive_matcher = median_seconds(lambda: WordMatcher([(w, "") for w in sensitive], True))
    build_m, mistake_matcher = median_seconds(lambda: WordMatcher(mistakes, False, True))
    print(f"build matchers:           敏感词 {build_s * 1000:7.1f} ms   易错词 {build_m * 1000:7.1f} ms")

    fold_time, _ = median_seconds(lambda: folded_text(text, True))
    find_s, found_s = median_seconds(lambda: sensitive_matcher.find(text))
    find_m, found_m = median_seconds(lambda: mistake_matcher.find(text))
    print(f"fold the page:            {fold_time * 1000:7.1f} ms")
    print(f"check the page:           敏感词 {find_s * 1000:7.1f} ms ({len(found_s)} found)")
    print(f"                          易错词 {find_m * 1000:7.1f} ms ({len(found_m)} found)")

    folded = folded_text(text, True)[0]
    alternation = re.compile("|".join(sorted(map(re.escape, sensitive), key=len, reverse=True)))
    baseline, found_b = median_seconds(lambda: alternation.findall(folded), runs=3)
    trie_only, _ = median_seconds(lambda: list(sensitive_matcher.pattern.finditer(folded)))
    print(f"baseline, folded text:    plain alternation {baseline * 1000:7.1f} ms ({len(found_b)} found)")
    print(f"                          trie pattern      {trie_only * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
