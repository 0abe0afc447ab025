"""Production smoke test, run by CI from a clean checkout (`make smoke`).

In a temporary PORTAL_VAR_DIR (SQLite, media, static files; var/ is not touched) it migrates, loads the demo and
collects static files with the production settings, starts gunicorn with them on a free port in 8100–8109, then
requests every URL in /sitemap.xml, the exchange dashboard, a search, every feed, stylesheet, image and document
linked from those pages, and /healthz. Every answer must be 200 (images with an image/* type) and gunicorn's log must
hold no error. Prints one summary line; exits 1 on any failure, always stopping gunicorn.
"""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PORTS = range(8100, 8110)
REQUEST_TIMEOUT = 30  # seconds, for every request
STEP_TIMEOUT = 300  # seconds, for each manage.py step
LOG_ERRORS = ("ERROR", "Traceback", "Internal Server Error")
# Outside settings that would point the smoke test at real data instead of its temporary directory.
FOREIGN_SETTINGS = ("DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "AWS_STORAGE_BUCKET_NAME")


class SmokeFailure(Exception):
    pass


def free_port():
    for port in PORTS:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SmokeFailure(f"端口 {PORTS.start}–{PORTS.stop - 1} 都被占用")


def server_env(var_dir, port):
    env = {key: value for key, value in os.environ.items() if key not in FOREIGN_SETTINGS}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "PORTAL_VAR_DIR": str(var_dir),
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
    }


def manage(env, *args):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT
    )
    if result.returncode != 0:
        raise SmokeFailure(f"manage.py {' '.join(args)} 失败：\n{result.stdout[-2000:]}{result.stderr[-4000:]}")


def start_gunicorn(env, port, log):
    return subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--timeout", "60"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def wait_until_up(server, base, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SmokeFailure(f"gunicorn 启动失败（退出码 {server.returncode}）")
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2).read()
            return
        except urllib.error.HTTPError:
            return  # it answers; the status is checked with the other URLs
        except OSError:
            time.sleep(0.2)
    raise SmokeFailure(f"gunicorn {seconds} 秒内没有响应")


def stop(server):
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)


def get(base, path):
    """(status, Content-Type, body) of GET base+path; a connection failure counts as status 0."""
    try:
        with urllib.request.urlopen(base + path, timeout=REQUEST_TIMEOUT) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), b""
    except OSError as error:
        return 0, f"{type(error).__name__}: {error}", b""


def local(url):
    """The path and query of a link, whatever host it names (the sitemap and feeds say http://localhost/...),
    percent-encoded for urllib."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return urllib.parse.quote(path, safe="/?=&%:~+")


def sitemap_paths(body):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [local(loc.text) for loc in ET.fromstring(body).findall(".//s:loc", namespace)]


class Links(HTMLParser):
    """The feeds, stylesheets, uploaded images and documents a page links to."""

    def __init__(self):
        super().__init__()
        self.found = {"订阅源": set(), "样式表": set(), "图片": set(), "文档": set()}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel, href, src = attrs.get("rel", ""), attrs.get("href") or "", attrs.get("src") or ""
        if tag == "link" and rel == "alternate" and attrs.get("type") == "application/rss+xml":
            self.found["订阅源"].add(local(href))
        elif tag == "link" and rel == "stylesheet":
            self.found["样式表"].add(local(href))
        elif tag == "img" and src.startswith("/media/"):
            self.found["图片"].add(local(src))
        elif tag == "a" and local(href).startswith("/documents/"):
            self.found["文档"].add(local(href))


def check_site(base):
    """Every URL to check with what it is, and the failures found requesting them."""
    status, _, body = get(base, "/sitemap.xml")
    if status != 200:
        raise SmokeFailure(f"/sitemap.xml → {status}")
    checked, failures, links = {"/sitemap.xml": "站点地图"}, [], Links()
    pages = [*sitemap_paths(body), "/exchange/", local("/search/?q=计生"), "/healthz"]
    for path in dict.fromkeys(pages):
        status, _, body = get(base, path)
        checked[path] = "页面"
        if status != 200:
            failures.append(f"{path} → {status}")
        elif path != "/healthz":
            links.feed(body.decode("utf-8", "replace"))
    for kind, paths in links.found.items():
        if not paths:
            failures.append(f"没有找到任何{kind}链接")
        for path in sorted(paths - checked.keys()):
            status, content_type, _ = get(base, path)
            checked[path] = kind
            if status != 200:
                failures.append(f"{kind} {path} → {status}")
            elif kind == "图片" and not content_type.startswith("image/"):
                failures.append(f"图片 {path} 的类型是 {content_type}")
    return checked, failures


def log_errors(log_path):
    lines = Path(log_path).read_text(errors="replace").splitlines()
    return [line[:300] for line in lines if any(marker in line for marker in LOG_ERRORS)]


def smoke(work):
    port = int(os.environ.get("SMOKE_PORT") or free_port())
    env, base = server_env(work, port), f"http://127.0.0.1:{port}"
    started = time.monotonic()
    for step in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        manage(env, *step)
    print(f"准备（迁移、演示内容、收集静态文件）：{time.monotonic() - started:.0f} 秒")
    log_path = work / "gunicorn.log"
    with open(log_path, "w") as log:
        server = start_gunicorn(env, port, log)
        try:
            wait_until_up(server, base)
            checked, failures = check_site(base)
        finally:
            stop(server)
    errors = log_errors(log_path)
    if errors:
        failures.append("gunicorn 日志中有错误：\n  " + "\n  ".join(errors[:20]))
    return checked, failures


def main():
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="prod-smoke-") as work:
        try:
            checked, failures = smoke(Path(work))
        except SmokeFailure as failure:
            print(f"生产冒烟失败：{failure}")
            return 1
    seconds = time.monotonic() - started
    if failures:
        print("生产冒烟失败：\n" + "\n".join(failures))
        print(f"共请求 {len(checked)} 个网址，{len(failures)} 处失败，用时 {seconds:.0f} 秒")
        return 1
    counts = "、".join(f"{kind} {list(checked.values()).count(kind)}" for kind in dict.fromkeys(checked.values()))
    print(f"生产冒烟：{len(checked)} 个网址全部 200（{counts}），用时 {seconds:.0f} 秒")
    return 0


if __name__ == "__main__":
    sys.exit(main())
