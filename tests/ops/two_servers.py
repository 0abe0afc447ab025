"""Two app servers sharing one PostgreSQL database, one Redis and one S3 bucket (README, 生产部署 → 多台服务器),
checked under bounded load on both:

- a fresh database (dropped and recreated), Redis db 13 flushed, moto (a real S3 API on 127.0.0.1) with a bucket;
  migrate + load_demo (dev settings: they create the demo users) with the media in the bucket;
- gunicorn A and B (production settings, the same SECRET_KEY, each its own var/ directory), ~20 requests/s each;
- on A an editor (city_admin, through the admin over HTTP) unpublishes and publishes a news page: B must serve each
  change within 1 s; the editor's session from A works in B's admin; an image uploaded on A renders on B;
- a township submitter logs in on A and submits an experience material on B with the CSRF token A gave;
- `run_scheduler --runs 1` and `publish_scheduled`, started together, publish each scheduled page exactly once;
- no 5xx anywhere, no traceback in either server's log.

    make test-servers    # TWO_SERVERS_SECONDS (default 30) of load

The report is printed and written to artifacts/two-servers.json; the exit status is 1 when a check fails. Every
process started here is stopped at the end, whatever happens.
"""

import contextlib
import http.cookiejar
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.importer.factories import image_bytes  # noqa: E402
from tests.ops.s3server import running_s3  # noqa: E402

PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
REPORT = ROOT / "artifacts" / "two-servers.json"
DATABASE_URL = os.environ.get("TWO_SERVERS_DB_URL", "postgres://postgres@127.0.0.1:5432/portal_two_servers")
REDIS_URL = os.environ.get("TWO_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/13")
PORTS = {"A": 8130, "B": 8131}
S3_PORT = 8141
SECONDS = int(os.environ.get("TWO_SERVERS_SECONDS", "30"))
RATE = 20  # requests per second on each server
READER_THREADS = 2  # per server: enough for RATE while a page takes < 100 ms; the admin is not starved
PROPAGATION_LIMIT = 1.0  # seconds for B to show what A published
SCHEDULED_PAGES = 5
SCHEDULE_AFTER = 20  # seconds from setup to go-live: the load phase is longer, so they are due by then
PASSWORD = os.environ.get("DEV_DEMO_PASSWORD", "portal-demo-2026")
EDITOR = "city_admin"  # 市级管理员: may publish (the 编辑 group only submits)
SUBMITTER = "submitter_qingxi-baishui"
TOWNSHIP = "qingxi-baishui"
SECRET_KEY = "two-servers-" + uuid.uuid4().hex * 2


# --- shared services and the two servers' environment ---------------------------------------------------------


def recreate_database(url):
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    if name in {"", "postgres", "test", "template0", "template1"}:
        raise SystemExit(f"不会删除数据库“{name}”：请用单独的数据库（TWO_SERVERS_DB_URL）")
    admin_url = urllib.parse.urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
        # A throwaway database: commits need not wait for the disk (migrate commits once per migration)
        connection.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')


def server_env(var_dir, s3_env, settings="portal.settings.production"):
    """What every app server gets: the same database, Redis, bucket and secret; its own var/ directory."""
    return {
        **os.environ,
        **s3_env,
        "DJANGO_SETTINGS_MODULE": settings,
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "SITE_URL": f"http://127.0.0.1:{PORTS['A']}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "PORTAL_VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "text",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",  # review emails go to the server's log
    }


def manage(env, *args):
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} 失败：\n{result.stderr[-3000:]}")
    return result.stdout


def django_json(env, code):
    """Run `code` (which prints one JSON line last) in a Django process on the shared database, like any server."""
    program = f"import sys, json; sys.path.insert(0, {str(ROOT)!r})\nimport django; django.setup()\n{code}"
    result = subprocess.run([PYTHON, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"Django 进程失败：\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


PAGES = f"""
import datetime
from django.utils import timezone
from wagtail.models import Page
from portal.news.models import NewsPage
news = NewsPage.objects.live().order_by("path")
toggled, original = news.first(), news.last()
folder = Page.objects.get(url_path__endswith="/exchange/{TOWNSHIP}/")
copies = [
    original.copy(update_attrs={{"title": f"定时发布测试{{n}}", "slug": f"scheduled-{{n}}"}}, keep_live=False,
                  copy_revisions=False).specific
    for n in range({SCHEDULED_PAGES})
]
go_live = timezone.now() + datetime.timedelta(seconds={SCHEDULE_AFTER})
for page in copies:
    page.go_live_at = go_live
    page.save_revision().publish()  # a go-live time ahead: Wagtail schedules the revision instead
print(json.dumps({{
    "news_id": toggled.pk, "news_url": toggled.url, "folder_id": folder.pk,
    "scheduled_ids": [page.pk for page in copies], "scheduled_urls": [page.url for page in copies],
    "scheduled_live_early": Page.objects.filter(pk__in=[page.pk for page in copies], live=True).count(),
    "go_live": go_live.timestamp(),
}}))
"""


def server_log(name):
    return REPORT.with_name(f"two-servers-{name}.log")


def start_server(name, env, log):
    return subprocess.Popen(
        [GUNICORN, "portal.wsgi:application", "--bind", f"127.0.0.1:{PORTS[name]}", "--workers", "2",
         "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def wait_healthy(base, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{base} 的 gunicorn 退出了（{process.returncode}）")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{base} 在 {seconds} 秒内没有通过 /healthz")


def stop(process):
    """Terminate (then kill) a process this script started, unless it has ended already."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- every HTTP answer is counted -----------------------------------------------------------------------------------


class Tally:
    """Status and latency of every request, by target (A, B, S3), so that no 5xx goes unseen."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {}
        self.statuses = {}
        self.cache = {}  # X-Cache (HIT, MISS, BYPASS) of the load's answers, by server
        self.errors = []

    def add(self, target, url, status, seconds, load=False, cache=None):
        with self.lock:
            if load:
                self.latencies.setdefault(target, []).append(seconds)
                counts = self.cache.setdefault(target, {})
                counts[cache or "-"] = counts.get(cache or "-", 0) + 1
            counts = self.statuses.setdefault(target, {})
            counts[str(status)] = counts.get(str(status), 0) + 1
            if not isinstance(status, int) or status >= 500:
                self.errors.append(f"{target} {url} → {status}")


TALLY = Tally()


def target_of(url):
    port = urllib.parse.urlsplit(url).port
    return next((name for name, number in PORTS.items() if number == port), "S3")


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A user's browser behind a load balancer: every request to A or B carries the public Host (SITE_URL's, so both
    servers share cached pages as they would), one cookie jar serves both, redirects are not followed."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirects())

    def request(self, url, data=None, headers=None, load=False):
        started = time.monotonic()
        target = target_of(url)
        public = {"Host": f"127.0.0.1:{PORTS['A']}"} if target in PORTS else {}
        request = urllib.request.Request(url, data=data, headers={**public, **(headers or {})})
        try:
            with self.opener.open(request, timeout=30) as response:
                status, answer_headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, answer_headers, body = error.code, error.headers, error.read()
        except OSError as error:
            status, answer_headers, body = f"{type(error).__name__}: {error}", {}, b""
        cache = answer_headers.get("X-Cache") if load else None
        TALLY.add(target, url, status, time.monotonic() - started, load=load, cache=cache)
        return status, answer_headers, body

    def get(self, url):
        return self.request(url)

    def post(self, url, fields):
        return self.request(url, urllib.parse.urlencode(fields, doseq=True).encode())

    def post_multipart(self, url, fields, files):
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content, content_type) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(url, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


class FormFields(HTMLParser):
    """The fields a browser would submit from the first POST form whose action contains `action` (no JavaScript)."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.done = action, False, False
        self.fields, self.select, self.textarea, self.options = [], None, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and (attrs.get("method") or "").lower() == "post":
            self.inside = self.action in (attrs.get("action") or "")
        elif not self.inside:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((attrs["name"], attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = [attrs["name"], ""]
        elif tag == "select" and attrs.get("name"):
            self.select, self.options = attrs["name"], []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select" and self.select:
            chosen = [value for value, selected in self.options if selected] or [v for v, _ in self.options[:1]]
            self.fields.extend((self.select, value) for value in chosen)
            self.select = None


def form_fields(html, action=""):
    parser = FormFields(action)
    parser.feed(html)
    return parser.fields


def login(browser, base, username):
    status, _, body = browser.get(base + "/admin/login/")
    fields = dict(form_fields(body.decode(), "login"))
    fields.update(username=username, password=PASSWORD, next="/admin/")
    status, headers, _ = browser.post(base + "/admin/login/", fields)
    if status != 302 or headers.get("Location") != "/admin/":
        raise AssertionError(f"{username} 在 {base} 登录失败（{status}）")


# --- load -----------------------------------------------------------------------------------------------------------


class Readers:
    """Anonymous visitors: READER_THREADS threads per server, at most RATE requests/s per server."""

    def __init__(self, bases, urls):
        self.bases, self.urls = bases, urls
        self.stop_event = threading.Event()
        self.threads = [
            threading.Thread(target=self.loop, args=(base,), daemon=True)
            for base in bases
            for _ in range(READER_THREADS)
        ]

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(30)

    def loop(self, base):
        visitor, interval = Browser(), READER_THREADS / RATE
        while not self.stop_event.is_set():
            started = time.monotonic()
            visitor.request(base + random.choice(self.urls), load=True)
            self.stop_event.wait(max(0.0, interval - (time.monotonic() - started)))


def public_urls(base, skip):
    with urllib.request.urlopen(base + "/sitemap.xml", timeout=30) as response:
        tree = ET.fromstring(response.read())
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = [urllib.parse.urlsplit(loc.text).path for loc in tree.findall(".//s:loc", namespace)]
    extra = ["/search/?q=" + urllib.parse.quote("计生协"), "/api/v2/pages/?limit=10", "/healthz", "/exchange/"]
    return [path for path in paths if path != skip] + extra


# --- what the users do ---------------------------------------------------------------------------------------------


def wait_for(url, expected, since, limit=5.0):
    """Seconds from `since` to the start of the first anonymous GET of `url` that answers `expected` (a status),
    polling every 20 ms; None after `limit` seconds."""
    visitor = Browser()
    while time.monotonic() - since < limit:
        started = time.monotonic()
        if visitor.get(url)[0] == expected:
            return max(0.0, started - since)
        time.sleep(0.02)
    return None


def bulk_action(browser, base, action, page_id):
    """Wagtail's page bulk action (publish or unpublish one page), confirmed like the admin's button does."""
    url = f"{base}/admin/bulk/wagtailcore/page/{action}/?id={page_id}&next=/admin/"
    status, _, body = browser.get(url)
    if status != 200:
        raise AssertionError(f"{action} 确认页 {status}")
    status, _, _ = browser.post(url, form_fields(body.decode(), "bulk"))
    if status != 302:
        raise AssertionError(f"{action} 提交 {status}")


def toggle_news(editor, facts, results):
    """On A: unpublish, then publish the news page; time until B answers 404, then 200."""
    page_on_b = f"http://127.0.0.1:{PORTS['B']}{facts['news_url']}"
    base_a = f"http://127.0.0.1:{PORTS['A']}"
    for action, expected in (("unpublish", 404), ("publish", 200)):
        bulk_action(editor, base_a, action, facts["news_id"])
        seconds = wait_for(page_on_b, expected, since=time.monotonic())
        results["propagation"].append({"action": action, "seconds": seconds})
        results["publishes" if action == "publish" else "unpublishes"] += 1


def submit_material(submitter, facts, number, results):
    """The township's add form from A, posted (with A's CSRF token) to B as 'submit for review'."""
    path = f"/admin/pages/add/exchange/experiencepage/{facts['folder_id']}/"
    status, _, body = submitter.get(f"http://127.0.0.1:{PORTS['A']}{path}")
    if status != 200:
        raise AssertionError(f"{SUBMITTER} 打不开新建材料表单（{status}）")
    title = f"白水镇经验交流材料（双服务器测试{number}）"
    fields = [(name, value) for name, value in form_fields(body.decode(), path) if name not in {"title", "slug"}]
    fields += [("title", title), ("slug", f"two-servers-{number}"), ("body-count", "0"), ("action-submit", "1")]
    status, _, answer = submitter.post(f"http://127.0.0.1:{PORTS['B']}{path}", fields)
    if status != 302:
        errors = re.findall(r'class="error-message"[^>]*>\s*<p>([^<]+)', answer.decode())
        raise AssertionError(f"在 B 上提交材料失败（{status}）：{errors[:5]}")
    results["submitted_titles"].append(title)


def upload_image_on_a_render_on_b(editor):
    """True when an image uploaded through A's admin shows (a rendition fetched from the bucket) in B's admin."""
    base_a, base_b = (f"http://127.0.0.1:{PORTS[name]}" for name in ("A", "B"))
    _, _, form = editor.get(base_a + "/admin/images/add/")
    token = dict(form_fields(form.decode(), "/admin/images/add/"))["csrfmiddlewaretoken"]
    fields = [("title", "双服务器测试图片"), ("collection", "1"), ("csrfmiddlewaretoken", token)]
    status, _, _ = editor.post_multipart(
        base_a + "/admin/images/add/", fields, {"file": ("two-servers.png", image_bytes(size=(300, 200)), "image/png")}
    )
    if status != 302:
        raise AssertionError(f"在 A 上传图片失败（{status}）")
    _, _, listing = editor.get(base_b + "/admin/images/?q=" + urllib.parse.quote("双服务器测试图片"))
    image_id = re.search(r"/admin/images/(\d+)/", listing.decode())[1]
    _, _, edit_page = editor.get(f"{base_b}/admin/images/{image_id}/")
    sources = [unescape(src) for src in re.findall(r'<img[^>]+src="(http[^"]+)"', edit_page.decode())]
    status, headers, body = Browser().get(sources[0]) if sources else (None, {}, b"")
    return status == 200 and headers.get("Content-Type", "").startswith("image/") and len(body) > 0


def session_works_across(editor):
    """The session A set is good for B's admin: its dashboard answers (a stranger is redirected to log in)."""
    return editor.get(f"http://127.0.0.1:{PORTS['B']}/admin/")[0] == 200


FINAL_CHECK = """
from django.db.models import Count
from wagtail.models import Page, PageLogEntry
ids, titles = {ids}, {titles!r}
published = dict(PageLogEntry.objects.filter(page_id__in=ids, action="wagtail.publish.scheduled")
                 .values_list("page_id").annotate(n=Count("id")))
in_review = 0
for title in titles:
    pages = Page.objects.filter(title=title)
    in_review += pages.count() == 1 and pages[0].workflow_states.filter(status="in_progress").exists()
print(json.dumps({{"scheduled_publish_log_entries": [published.get(pk, 0) for pk in ids], "in_review": in_review}}))
"""


def scheduled_once(env, facts):
    """Two schedulers started together (as two servers' timers would) publish each scheduled page once."""
    time.sleep(max(0.0, facts["go_live"] + 1 - time.time()))
    commands = [["run_scheduler", "--runs", "1"], ["publish_scheduled"]]
    processes = [subprocess.Popen([PYTHON, "manage.py", *c], cwd=ROOT, env=env) for c in commands]
    try:
        codes = [process.wait(120) for process in processes]
    finally:
        for process in processes:
            stop(process)
    on_b = [Browser().get(f"http://127.0.0.1:{PORTS['B']}{url}")[0] for url in facts["scheduled_urls"]]
    return {"live_before_go_live": facts["scheduled_live_early"], "exit_codes": codes, "on_b": on_b}


# --- the run --------------------------------------------------------------------------------------------------------


def prepare(work, s3_env):
    """Fresh database and Redis; migrate and load the demo (media into the bucket) while static files are collected."""
    started = time.monotonic()
    recreate_database(DATABASE_URL)
    redis.Redis.from_url(REDIS_URL).flushdb()
    collect = subprocess.Popen(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT, env=server_env(work / "A", s3_env),
    )  # fmt: skip
    setup_env = server_env(work / "A", s3_env, settings="portal.settings.dev")  # DEBUG: load_demo adds demo users
    try:
        manage(setup_env, "migrate", "--noinput")
        manage(setup_env, "load_demo")
        if collect.wait(300) != 0:
            raise RuntimeError("collectstatic 失败")
    finally:
        stop(collect)
    shutil.copytree(work / "A" / "staticfiles", work / "B" / "staticfiles")  # each server ships the same build
    return round(time.monotonic() - started, 1)


def editor_work(env, facts, results):
    """city_admin logs in on A, checks the session on B, uploads an image, then toggles the news page until the
    load time is over (at least three times)."""
    editor = Browser()
    login(editor, f"http://127.0.0.1:{PORTS['A']}", EDITOR)
    results["session_across_servers"] = session_works_across(editor)
    results["image_from_a_on_b"] = upload_image_on_a_render_on_b(editor)
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline or results["publishes"] < 3:
        toggle_news(editor, facts, results)
        time.sleep(0.5)


def township_work(env, facts, results):
    submitter = Browser()
    login(submitter, f"http://127.0.0.1:{PORTS['A']}", SUBMITTER)
    for number in range(1, 4):
        submit_material(submitter, facts, number, results)
        time.sleep(1)


def scheduler_work(env, facts, results):
    results["scheduler"] = scheduled_once(env, facts)


def exercise(env, facts, results):
    """Editor, township and the two schedulers at the same time, while the load runs; a failure is recorded."""

    def run(work):
        try:
            work(env, facts, results)
        except Exception as error:  # the report must say what broke, and the servers must still be stopped
            results["failures"].append(f"{work.__name__}: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=run, args=(work,)) for work in (editor_work, township_work, scheduler_work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def percentile(values, fraction):
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, int(len(ordered) * fraction))], 1) if ordered else None


def log_tracebacks():
    return {name: server_log(name).read_text().count("Traceback") for name in PORTS}


def main():
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="two-servers-"))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    results = {"propagation": [], "publishes": 0, "unpublishes": 0, "submitted_titles": [], "failures": []}
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, work, ignore_errors=True)
        s3_env = stack.enter_context(running_s3(S3_PORT))
        print(f"准备：数据库 {DATABASE_URL}，Redis {REDIS_URL}，S3 {s3_env['AWS_S3_ENDPOINT_URL']}")
        results["setup_seconds"] = prepare(work, s3_env)
        env = server_env(work / "A", s3_env)
        facts = django_json(env, PAGES)
        logs = {name: stack.enter_context(open(server_log(name), "w")) for name in PORTS}
        servers = {name: start_server(name, server_env(work / name, s3_env), logs[name]) for name in PORTS}
        for process in servers.values():
            stack.callback(stop, process)
        for name, process in servers.items():
            wait_healthy(f"http://127.0.0.1:{PORTS[name]}", process)
        bases = [f"http://127.0.0.1:{port}" for port in PORTS.values()]
        readers = Readers(bases, public_urls(bases[0], facts["news_url"]))
        print(f"两台服务器 {', '.join(bases)}；负载 {SECONDS} 秒，每台约 {RATE} 请求/秒")
        load_started = time.monotonic()
        readers.start()
        try:
            exercise(env, facts, results)
        finally:
            readers.stop()
        results["load_seconds"] = round(time.monotonic() - load_started, 1)
        results.update(
            django_json(env, FINAL_CHECK.format(ids=facts["scheduled_ids"], titles=results["submitted_titles"]))
        )
        results["tracebacks"] = log_tracebacks()
    results["total_seconds"] = round(time.monotonic() - started, 1)
    return report(results)


def latency(name):
    values = TALLY.latencies.get(name, [])
    return {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95)}


def report(results):
    times = [item["seconds"] for item in results["propagation"]]
    measured = [seconds for seconds in times if seconds is not None]
    scheduler = results.get("scheduler", {})
    summary = {
        "load_seconds": results["load_seconds"],
        "requests": {name: sum(TALLY.statuses.get(name, {}).values()) for name in (*PORTS, "S3")},
        "load_requests_per_second": {
            name: round(len(TALLY.latencies.get(name, [])) / results["load_seconds"], 1) for name in PORTS
        },
        "latency_ms": {name: latency(name) for name in PORTS},
        "page_cache": TALLY.cache,
        "statuses": TALLY.statuses,
        "propagation_seconds": {
            "max": round(max(measured), 3) if measured else None,
            "median": round(statistics.median(measured), 3) if measured else None,
            "count": len(times),
            "over_limit": sum(1 for seconds in times if seconds is None or seconds > PROPAGATION_LIMIT),
        },
        "publishes": results["publishes"],
        "unpublishes": results["unpublishes"],
        "submissions": len(results["submitted_titles"]),
        "submissions_in_review": results["in_review"],
        "session_across_servers": results.get("session_across_servers"),
        "image_from_a_on_b": results.get("image_from_a_on_b"),
        "scheduler": {**scheduler, "publish_log_entries": results["scheduled_publish_log_entries"]},
        "errors": len(TALLY.errors),
        "first_errors": TALLY.errors[:10],
        "tracebacks_in_logs": results["tracebacks"],
        "setup_seconds": results["setup_seconds"],
        "total_seconds": results["total_seconds"],
        "interrupted": results["failures"],
    }
    checks = [
        ("用户操作中断", bool(results["failures"])),
        ("有 5xx 或连接错误", summary["errors"] > 0),
        (f"B 没有在 {PROPAGATION_LIMIT:g} 秒内显示 A 的发布/取消发布", summary["propagation_seconds"]["over_limit"]),
        ("发布次数不足", summary["publishes"] < 3),
        ("乡镇提交没有全部进入审核", not summary["submissions"] or results["in_review"] != summary["submissions"]),
        ("A 的登录会话在 B 上无效", not summary["session_across_servers"]),
        ("A 上传的图片在 B 上显示不出来", not summary["image_from_a_on_b"]),
        ("定时发布前页面已上线", scheduler.get("live_before_go_live") != 0),
        ("定时发布不是恰好一次", results["scheduled_publish_log_entries"] != [1] * SCHEDULED_PAGES),
        ("定时发布的页面在 B 上打不开", scheduler.get("on_b") != [200] * SCHEDULED_PAGES),
        ("定时发布进程失败", scheduler.get("exit_codes") != [0, 0]),
        ("服务器日志中有异常", any(results["tracebacks"].values())),
    ]
    summary["failures"] = [name for name, failed in checks if failed]
    REPORT.write_text(json.dumps(summary, ensure_ascii=False, indent=2))
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    print("结果：" + ("通过" if not summary["failures"] else "失败：" + "，".join(summary["failures"])))
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
