"""Soak test: the production server (gunicorn, 2 workers, loopback) under bounded load for several minutes while
scripted editors publish and townships submit from separate processes; then it checks 0 errors, every edit
and submission stored exactly once (counts and content hashes), live pages showing the last edit, and flat memory.

    make soak                       # SOAK_SECONDS=180, SQLite in a temporary directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/soak_hardening make soak

The report is printed and written to artifacts/soak-report.json; the exit status is 1 if a check fails.
"""

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
REPORT = ROOT / "artifacts" / "soak-report.json"
EDIT_MARK = "·改"
SUBMIT_MARK = "乡镇提交"


def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


def server_env(var_dir, port):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "soak-test-" + "k" * 50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "PORTAL_VAR_DIR": str(var_dir),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


# --- writers: run as separate processes (`soak.py --role editor|township`) --------------------------------------


def setup_django():
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()


def run_editor(seconds, out):
    """Publish new revisions of existing pages, round robin, and record each edit's title hash."""
    setup_django()
    from wagtail.models import Page

    pages = list(Page.objects.live().filter(depth__gte=3).order_by("path")[:40])
    originals = {page.pk: page.title for page in pages}
    edits, deadline, number = [], time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        number += 1
        page = Page.objects.get(pk=pages[number % len(pages)].pk).specific
        page.title = f"{originals[page.pk]}{EDIT_MARK}{number}"
        page.save_revision().publish()
        edits.append({"page": page.pk, "title": page.title, "sha256": sha(page.title)})
        time.sleep(random.uniform(0.1, 0.4))
    Path(out).write_text(json.dumps(edits, ensure_ascii=False))


def submission_template():
    """A live page to copy as a township's new submission: it has every required field filled in.
    Prefers experience materials in a township folder, then anything in a township folder."""
    from wagtail.models import Page

    candidates = list(Page.objects.live().filter(depth__gte=4).specific().order_by("path"))
    experiences = [page for page in candidates if type(page).__name__ == "ExperiencePage"]
    in_township = [page for page in candidates if "Township" in type(page.get_parent().specific).__name__]
    return (experiences or in_township or candidates)[0]


def run_township(seconds, out):
    """Create draft pages (a township's submissions), each saved as a revision and sent into its workflow."""
    setup_django()
    from django.contrib.auth import get_user_model

    template = submission_template()
    user, _ = get_user_model().objects.get_or_create(username="soak-township", defaults={"is_superuser": True})
    submissions, deadline, number = [], time.monotonic() + seconds, 0
    run = int(time.time())
    while time.monotonic() < deadline:
        number += 1
        title = f"{SUBMIT_MARK}{run}-{number}"
        page = template.copy(
            update_attrs={"title": title, "slug": f"soak-{run}-{number}", "owner": user},
            keep_live=False,
            copy_revisions=False,
            user=user,
        ).specific
        revision = page.save_revision(user=user)
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, user)
        submissions.append({"page": page.pk, "revision": revision.pk, "title": title, "sha256": sha(title)})
        time.sleep(random.uniform(0.2, 0.6))
    Path(out).write_text(json.dumps(submissions, ensure_ascii=False))


# --- readers -------------------------------------------------------------------------------------------------------


class Readers:
    def __init__(self, base, urls, rate, threads):
        self.base, self.urls, self.interval = base, urls, threads / rate
        self.threads = threads
        self.latencies, self.errors, self.statuses = [], [], {}
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def run(self, seconds):
        workers = [threading.Thread(target=self.loop, daemon=True) for _ in range(self.threads)]
        for worker in workers:
            worker.start()
        time.sleep(seconds)
        self.stop.set()
        for worker in workers:
            worker.join(30)

    def loop(self):
        while not self.stop.is_set():
            started = time.monotonic()
            url = random.choice(self.urls)
            try:
                with urllib.request.urlopen(self.base + url, timeout=30) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError as error:
                status = f"{type(error).__name__}: {error}"
            elapsed = time.monotonic() - started
            with self.lock:
                self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1
                self.latencies.append(elapsed)
                if status != 200:
                    self.errors.append(f"{url} → {status}")
            self.stop.wait(max(0.0, self.interval - elapsed))


def discover_urls(base):
    with urllib.request.urlopen(base + "/sitemap.xml", timeout=30) as response:
        tree = ET.fromstring(response.read())
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    pages = [loc.text.split("://", 1)[1].split("/", 1)[1] for loc in tree.findall(".//s:loc", namespace)]
    urls = ["/" + page for page in pages] + [
        "/search/?q=计生协",
        "/search/?q=会员活动日",
        "/api/v2/pages/?limit=20",
        "/healthz",
    ]
    return [urllib.parse.quote(url, safe="/?=&%") for url in urls]


# --- memory --------------------------------------------------------------------------------------------------------


def worker_pids(master_pid):
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            pids.append(int(stat.parent.name))
    return pids


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class MemorySampler(threading.Thread):
    def __init__(self, master_pid, every=2.0):
        super().__init__(daemon=True)
        self.master_pid, self.every = master_pid, every
        self.samples = []  # (seconds since start, total RSS of the workers in MB)
        self.stop = threading.Event()

    def run(self):
        started = time.monotonic()
        while not self.stop.wait(self.every):
            try:
                total = sum(rss_mb(pid) for pid in worker_pids(self.master_pid))
            except (FileNotFoundError, ProcessLookupError):
                continue
            self.samples.append((round(time.monotonic() - started, 1), round(total, 1)))


def memory_is_flat(samples):
    """After the first third (warm-up: imports, caches, templates), RSS grows by at most 15% or 40 MB."""
    values = [mb for _, mb in samples]
    if len(values) < 9:
        return True, "样本太少"
    third = len(values) // 3
    settled = statistics.median(values[third : 2 * third])
    final = statistics.median(values[2 * third :])
    growth = final - settled
    return growth <= max(0.15 * settled, 40), f"稳定后 {settled:.0f} MB → 结束时 {final:.0f} MB（{growth:+.0f} MB）"


# --- checks --------------------------------------------------------------------------------------------------------


def read_records(path):
    """What a writer process recorded; nothing if it died before writing (its exit status says so)."""
    path = Path(path)
    return json.loads(path.read_text()) if path.exists() else []


def check_writes(env, edits_file, submissions_file, base):
    """Run in a fresh interpreter with the server's settings: every edit and submission stored exactly once."""
    code = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
import django; django.setup()
from wagtail.models import Page, Revision
edits = {read_records(edits_file)!r}
submissions = {read_records(submissions_file)!r}
lost, duplicated = [], []
titles_by_page = {{}}
for revision in Revision.objects.filter(content_type__isnull=False).only("object_id", "content"):
    titles_by_page.setdefault(revision.object_id, []).append(revision.content.get("title"))
for edit in edits:
    found = titles_by_page.get(str(edit["page"]), []).count(edit["title"])
    (lost if found == 0 else duplicated if found > 1 else []).append(edit["title"])
last = {{}}
for edit in edits:
    last[edit["page"]] = edit
stale = [e["title"] for pk, e in last.items() if Page.objects.get(pk=pk).title != e["title"]]
for item in submissions:
    pages = Page.objects.filter(title=item["title"])
    if pages.count() != 1:
        (lost if pages.count() == 0 else duplicated).append(item["title"])
    elif Revision.objects.get(pk=item["revision"]).content["title"] != item["title"]:
        lost.append(item["title"])
urls = {{pk: Page.objects.get(pk=pk).url for pk in last}}
print(json.dumps({{"lost": lost, "duplicated": duplicated, "stale_in_db": stale, "urls": urls}}, ensure_ascii=False))
"""
    result = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    checked = json.loads(result.stdout.strip().splitlines()[-1])
    edits = read_records(edits_file)
    last = {}
    for edit in edits:
        last[edit["page"]] = edit
    stale_on_site = []
    for pk, edit in last.items():
        url = checked["urls"].get(str(pk))
        if url:
            with urllib.request.urlopen(base + url, timeout=30) as response:
                if edit["title"] not in response.read().decode():
                    stale_on_site.append(url)
    checked["stale_on_site"] = stale_on_site
    return checked


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("SOAK_SECONDS", "180")))
    parser.add_argument("--port", type=int, default=int(os.environ.get("SOAK_PORT", "8106")))
    parser.add_argument("--rate", type=float, default=float(os.environ.get("SOAK_RATE", "40")), help="请求/秒上限")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--role", choices=["editor", "township"])
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.role == "editor":
        return run_editor(args.seconds, args.out)
    if args.role == "township":
        return run_township(args.seconds, args.out)
    return soak(args)


def soak(args):
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    (work / "var").mkdir()
    env = server_env(work / "var", args.port)
    print(f"准备：{work}（数据库：{env.get('DATABASE_URL', 'SQLite')}）")
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput")
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "portal.wsgi:application", "--bind", f"127.0.0.1:{args.port}",
         "--workers", "2", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        urls = discover_urls(base)
        print(f"{len(urls)} 个网址，{args.seconds} 秒，上限 {args.rate:.0f} 请求/秒")
        memory = MemorySampler(server.pid)
        memory.start()
        writers = [
            subprocess.Popen(
                [PYTHON, __file__, "--role", role, "--seconds", str(args.seconds), "--out", str(work / f"{role}.json")],
                cwd=ROOT,
                env=env,
            )
            for role in ("editor", "township")
        ]
        readers = Readers(base, urls, args.rate, args.threads)
        readers.run(args.seconds)
        writer_status = [writer.wait(120) for writer in writers]
        memory.stop.set()
        writes = check_writes(env, work / "editor.json", work / "township.json", base)
    finally:
        server.terminate()
        server.wait(30)
    return report(args, readers, memory, writes, writer_status, work)


def report(args, readers, memory, writes, writer_status, work):
    edits = read_records(work / "editor.json")
    submissions = read_records(work / "township.json")
    flat, memory_note = memory_is_flat(memory.samples)
    latencies = sorted(readers.latencies)
    summary = {
        "seconds": args.seconds,
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / args.seconds, 1),
        "statuses": readers.statuses,
        "errors": len(readers.errors),
        "first_errors": readers.errors[:10],
        "latency_ms": {
            "p50": round(1000 * latencies[len(latencies) // 2], 1),
            "p95": round(1000 * latencies[int(len(latencies) * 0.95)], 1),
            "max": round(1000 * latencies[-1], 1),
        },
        "edits_published": len(edits),
        "submissions": len(submissions),
        "lost": writes["lost"],
        "duplicated": writes["duplicated"],
        "stale_in_db": writes["stale_in_db"],
        "stale_on_site": writes["stale_on_site"],
        "writers_exit": writer_status,
        "memory": memory_note,
        "memory_samples_mb": memory.samples,
    }
    failures = [
        name
        for name, failed in [
            ("请求出错", summary["errors"] > 0),
            ("修改丢失", bool(writes["lost"])),
            ("修改重复", bool(writes["duplicated"])),
            ("数据库中不是最后一次修改", bool(writes["stale_in_db"])),
            ("页面没有显示最后一次修改", bool(writes["stale_on_site"])),
            ("写入进程失败", any(writer_status)),
            ("内存持续增长", not flat),
            ("没有写入", not edits or not submissions),
        ]
        if failed
    ]
    summary["failures"] = failures
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(summary, ensure_ascii=False, indent=2))
    print(json.dumps({k: v for k, v in summary.items() if k != "memory_samples_mb"}, ensure_ascii=False, indent=2))
    print("结果：" + ("通过" if not failures else "失败：" + "，".join(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
