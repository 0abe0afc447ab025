"""Lighthouse (the npm package pinned in package-lock.json) on its default mobile profile against a running
production server (`make serve`): home, the newest news item, the policy library and the exchange dashboard.

    make serve PORT=8150 &  make lighthouse PORT=8150

Prints the four category scores per page and writes each JSON report to artifacts/lighthouse/<page>.json.
Exit status 1 when a page misses a target: accessibility, best practices and SEO 100, performance ≥ 95.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "artifacts" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-dev-shm-usage"


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def newest_news_item(base):
    """The first article the news index links to (newest first)."""
    listing = fetch(base + "/news/")
    match = re.search(r'href="(/news/[^"/?#]+/)"', listing)
    if not match:
        sys.exit("工作动态栏目下没有文章：先运行 make demo")
    return match.group(1)


def run_lighthouse(url, report):
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--form-factor=mobile",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--quiet",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    return json.loads(report.read_text())


def scores(result):
    return {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}


def findings(result):
    """The audits that cost points, as "id (score)", for the pages that miss a target."""
    refs = [ref for category in result["categories"].values() for ref in category["auditRefs"]]
    weighted = {ref["id"] for ref in refs if ref["weight"]}
    return [
        f"{audit_id} ({audit['score']})"
        for audit_id, audit in result["audits"].items()
        if audit_id in weighted and audit["score"] is not None and audit["score"] < 1
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default=os.environ.get("LIGHTHOUSE_URL", "http://127.0.0.1:8000"))
    base = parser.parse_args().base.rstrip("/")
    try:
        fetch(base + "/")
    except (urllib.error.URLError, OSError) as error:
        sys.exit(f"{base}/ 没有响应（{error}）：先在另一个终端运行 make serve")

    pages = {"home": "/", "news-item": newest_news_item(base), "policies": "/policies/", "exchange": "/exchange/"}
    REPORTS.mkdir(parents=True, exist_ok=True)
    missed = []
    print(f"{'page':<10} {'path':<40} " + " ".join(f"{name:>14}" for name in CATEGORIES))
    for name, path in pages.items():
        result = run_lighthouse(base + path, REPORTS / f"{name}.json")
        page_scores = scores(result)
        print(f"{name:<10} {path:<40} " + " ".join(f"{page_scores[key]:>14}" for key in CATEGORIES))
        if any(page_scores[key] < target for key, target in TARGETS.items()):
            missed.append(f"{name}: " + ", ".join(findings(result)))
    print(f"报告：{REPORTS.relative_to(ROOT)}/*.json")
    for line in missed:
        print("未达标", line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
