"""The uncached search page over HTTP: gunicorn (2 sync workers, production settings, page cache off) on the demo
database, as `make bench` measures it, but only the search URLs and on a fixed port.

    .venv/bin/python tests/perf/bench_search_http.py [--seconds 5] [--rounds 3] [--port 8151]

Uses bench_http.py's server and its Python load generator (4 connections), which shares the CPU with the server:
on a 2-core machine the numbers are a lower bound of what wrk would show.
"""

import argparse
import statistics
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf.bench_http import Server, bench_env, fetch, manage, python_slice  # noqa: E402

URLS = [
    ("搜索页", "/search/?q=" + urllib.parse.quote("计生协")),
    ("搜索 JSON", "/search/?format=json&q=" + urllib.parse.quote("计生协")),
    ("搜索建议", "/search/suggest/?q=" + urllib.parse.quote("生育")),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8151)
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench-search-http"))
    args = parser.parse_args()
    var_dir = Path(args.var_dir)
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {**bench_env(var_dir, "portal.settings.production"), "PAGE_CACHE": "off"}
    if not (var_dir / "db.sqlite3").exists():
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")
    base = f"http://127.0.0.1:{args.port}"
    with Server(env, args.port):
        for _ in range(3):
            for _, url in URLS:
                fetch(base, url)
        for title, url in URLS:
            slices = [python_slice(base, url, args.seconds, 4) for _ in range(args.rounds)]
            rps = sum(s[0] for s in slices) / sum(s[2] for s in slices)
            errors = sum(s[1] for s in slices)
            p50 = statistics.median(s[3] for s in slices)
            print(f"{title:<10}{rps:>8.1f} 请求/秒  p50 {p50:6.1f} ms  错误 {errors}")


if __name__ == "__main__":
    main()
