"""HTTP benchmark: the production server (gunicorn, 2 sync workers, loopback) on the demo database, with the page
cache on and then off. Every page type, the dashboard, a search and one hashed static file are measured
interleaved: short slices in turn, several rounds, so the machine's noise hits them all alike.

    make bench                              # wrk when installed (the make target installs it), else Python
    .venv/bin/python tests/perf/bench_http.py --slice 2 --rounds 3

Prints a table per mode (req/s, p50, p99, ratio to the static file) and the memory of each worker; writes
artifacts/bench-http.json. Exit status 1 when a goal is missed: cached pages ≥ 50% of the static file's req/s,
uncached ≥ 60 req/s, p99 ≤ 5 × p50.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf.soak import rss_mb, worker_pids  # noqa: E402

PYTHON = sys.executable
REPORT = ROOT / "artifacts" / "bench-http.json"
SEARCH = "/search/?q=" + urllib.parse.quote("计生协")
GOALS = {"cached_ratio": 0.5, "uncached_rps": 60, "p99_over_p50": 5}

# Run by `manage.py shell` on the benchmark database: home, its index pages, one live detail page of each type.
DISCOVER = """
import json
from wagtail.models import Page, Site
home = Site.objects.get(is_default_site=True).root_page
indexes = list(home.get_children().live().public().specific().order_by("path"))
index_ids = {page.pk for page in indexes}
pages = [("首页", home.url)] + [(page.title, page.url) for page in indexes]
seen = {type(home), *(type(page) for page in indexes)}
for page in home.get_descendants().live().public().filter(numchild=0).specific().order_by("path"):
    if type(page) not in seen:
        seen.add(type(page))
        pages.append((page._meta.verbose_name, page.url))
print(json.dumps(pages, ensure_ascii=False))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(var_dir, settings):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "PORTAL_VAR_DIR": str(var_dir),
        "SITE_URL": "http://localhost",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return result.stdout


def prepare(env):
    """The demo database and collected static files under the benchmark's own var directory."""
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")
    pages = json.loads(manage(env, "shell", "-c", DISCOVER, capture=True).strip().splitlines()[-1])
    manifest = json.loads((Path(env["PORTAL_VAR_DIR"]) / "staticfiles" / "staticfiles.json").read_text())
    static = "/static/" + manifest["paths"]["css/portal.css"]
    targets = [(title, urllib.parse.quote(url, safe="/?=&%")) for title, url in pages]
    return [*targets, ("搜索", SEARCH), ("静态文件", static)]


class Server:
    def __init__(self, env, port):
        self.env, self.port = env, port
        self.process = None

    def __enter__(self):
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        self.process = subprocess.Popen(
            [gunicorn, "portal.wsgi:application", "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
             "--timeout", "60", "--log-level", "warning"],
            cwd=ROOT, env=self.env,
        )  # fmt: skip
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2).read()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn 没有启动")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(30)

    def worker_rss(self):
        return [round(rss_mb(pid), 1) for pid in worker_pids(self.process.pid)]


def fetch(base, url):
    with urllib.request.urlopen(base + url, timeout=30) as response:
        response.read()
        return response.status, response.headers.get("X-Cache", "-")


# --- load generators: each runs one slice and returns (requests, errors, seconds, p50 ms, p99 ms) ---------------


WRK_LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_slice(base, url, seconds, connections):
    result = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "--latency", base + url],
        capture_output=True, text=True, timeout=seconds + 30, check=True,
    )  # fmt: skip
    out = result.stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    elapsed = float(re.search(r"requests in ([\d.]+)s", out).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if socket_errors:
        errors += int(socket_errors.group(1)) + int(socket_errors.group(4))
    latency = {pct: float(value) * WRK_UNITS[unit] for pct, value, unit in WRK_LATENCY.findall(out)}
    return requests, errors, elapsed, latency["50"], latency["99"]


def python_slice(base, url, seconds, connections):
    """A bounded load generator for machines without wrk: `connections` threads, one request at a time each."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def loop():
        while time.monotonic() < deadline:
            started = time.monotonic()
            connection = http.client.HTTPConnection(host, int(port), timeout=10)
            try:
                connection.request("GET", url)
                response = connection.getresponse()
                response.read()
                ok = response.status < 400
            except OSError:
                ok = False
            finally:
                connection.close()
            with lock:
                latencies.append((time.monotonic() - started) * 1000)
                errors[0] += not ok

    started = time.monotonic()
    threads = [threading.Thread(target=loop) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    p50 = latencies[len(latencies) // 2] if latencies else 0.0
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else 0.0
    return len(latencies), errors[0], time.monotonic() - started, p50, p99


def measure(base, targets, args, load):
    """Interleaved: every target gets one slice per round, in turn. req/s over all slices; p50/p99 the median
    of the rounds' values."""
    slices = {url: [] for _, url in targets}
    for _ in range(args.rounds):
        for _, url in targets:
            fetch(base, url)  # waits out the previous slice's requests still in the workers, so they don't count here
            slices[url].append(load(base, url, args.slice, args.connections))
    rows = {}
    for title, url in targets:
        done = slices[url]
        rows[url] = {
            "title": title,
            "url": urllib.parse.unquote(url),
            "rps": sum(s[0] for s in done) / sum(s[2] for s in done),
            "errors": sum(s[1] for s in done),
            "p50": statistics.median(s[3] for s in done),
            "p99": statistics.median(s[4] for s in done),
        }
    return rows


def run_mode(name, env, targets, args, load):
    var_dir = Path(env["PORTAL_VAR_DIR"])
    shutil.rmtree(var_dir / "page-cache", ignore_errors=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with Server(env, port) as server:
        warm = {}
        for _ in range(3):  # warm up both workers: imports, templates, renditions, and the page cache when on
            for _, url in targets:
                warm[url] = fetch(base, url)
        rows = measure(base, targets, args, load)
        for url, row in rows.items():
            row["status"], row["x_cache"] = warm[url]
        rss = server.worker_rss()
    static_rps = rows[targets[-1][1]]["rps"]
    for row in rows.values():
        row["ratio"] = row["rps"] / static_rps
    return {"mode": name, "rows": list(rows.values()), "worker_rss_mb": rss}


def check_goals(cached, uncached):
    failures = []
    for row in cached["rows"][:-1]:
        if row["ratio"] < GOALS["cached_ratio"]:
            failures.append(f"缓存开：{row['title']} 只有静态文件的 {row['ratio']:.0%}")
    for row in uncached["rows"][:-1]:
        if row["rps"] < GOALS["uncached_rps"]:
            failures.append(f"缓存关：{row['title']} {row['rps']:.0f} 请求/秒 < {GOALS['uncached_rps']}")
    for mode in (cached, uncached):
        for row in mode["rows"]:
            if row["p99"] > GOALS["p99_over_p50"] * row["p50"]:
                failures.append(f"{mode['mode']}：{row['title']} p99 {row['p99']:.1f} ms > 5 × p50 {row['p50']:.1f} ms")
            if row["errors"] or row["status"] != 200:
                failures.append(f"{mode['mode']}：{row['title']} 状态 {row['status']}，错误 {row['errors']}")
    return failures


def print_table(result):
    print(f"\n== {result['mode']} ==")
    print(f"{'页面':<14}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'p99/p50':>9}{'÷静态':>8}  X-Cache  网址")
    for row in result["rows"]:
        print(
            f"{row['title'][:12]:<14}{row['rps']:>9.0f}{row['p50']:>9.1f}{row['p99']:>9.1f}"
            f"{row['p99'] / max(row['p50'], 0.001):>9.1f}{row['ratio']:>8.0%}  {row['x_cache']:<7}  {row['url']}"
        )
    print("每个工作进程内存（RSS）：" + "，".join(f"{mb:.0f} MB" for mb in result["worker_rss_mb"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slice", type=int, default=2, help="每个网址每轮测几秒")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4, help="并发连接数")
    parser.add_argument("--var-dir", default=str(ROOT / "var" / "bench"), help="基准数据库和静态文件的目录")
    parser.add_argument("--settings", default="portal.settings.production")
    parser.add_argument("--python-load", action="store_true", help="不用 wrk，用 Python 负载生成器")
    args = parser.parse_args()
    load = python_slice if args.python_load or not shutil.which("wrk") else wrk_slice
    var_dir = Path(args.var_dir)
    var_dir.mkdir(parents=True, exist_ok=True)
    env = bench_env(var_dir, args.settings)
    print(f"准备演示数据库：{var_dir}（{env.get('DATABASE_URL', 'SQLite')}）")
    targets = prepare(env)
    print(f"{len(targets)} 个网址，每轮每个 {args.slice:g} 秒，{args.rounds} 轮，{args.connections} 个连接，"
          f"负载：{'wrk' if load is wrk_slice else 'Python'}")  # fmt: skip
    cached = run_mode("缓存开", {**env, "PAGE_CACHE": "on"}, targets, args, load)
    print_table(cached)
    uncached = run_mode("缓存关", {**env, "PAGE_CACHE": "off"}, targets, args, load)
    print_table(uncached)
    failures = check_goals(cached, uncached)
    print("\n目标：缓存页 ≥ 静态文件的 50%；不缓存 ≥ 60 请求/秒；p99 ≤ 5 × p50")
    print("全部达到" if not failures else "未达到：\n  " + "\n  ".join(failures))
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps({"cached": cached, "uncached": uncached, "failures": failures}, ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
