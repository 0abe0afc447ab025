"""XSS payloads and a check that a rendered page contains none of them in live form."""

from html.parser import HTMLParser

PAYLOADS = [
    "<script>alert('xss1')</script>",
    "<img src=x onerror=alert('xss2')>",
    "<svg onload=alert('xss3')>",
    '"><script>alert("xss4")</script>',
    "'><img src=x onerror=alert('xss5')>",
    "javascript:alert('xss6')",
    "<a href=\"javascript:alert('xss7')\">点我</a>",
    "<iframe src=\"javascript:alert('xss8')\"></iframe>",
    "<body onload=alert('xss9')>",
    "<details open ontoggle=alert('xss10')>",
    "<math><mtext></table><img src=x onerror=alert('xss11')>",
    "<style>@import 'http://evil.example/xss12.css';</style>",
    "<object data=\"data:text/html,<script>alert('xss13')</script>\">",
    "<embed src=\"javascript:alert('xss14')\">",
    "<base href='http://evil.example/xss15/'>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss16\')">',
    "</textarea><script>alert('xss17')</script>",
    "</title><script>alert('xss18')</script>",
    "{{ 7*7 }}{% debug %}<script>alert('xss19')</script>",
    "<scr<script>ipt>alert('xss20')</scr</script>ipt>",
    "<IMG SRC=JaVaScRiPt:alert('xss21')>",
    "<a href=\"&#106;avascript:alert('xss22')\">x</a>",
    "</script><script>alert('xss23')</script>",
    "<form action=\"javascript:alert('xss24')\"><button>x</button></form>",
    "<input autofocus onfocus=alert('xss25')>",
    "<video><source onerror=\"alert('xss26')\"></video>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzMjcnKTwvc2NyaXB0Pg==\"'",
    "“全角”<b onmouseover=alert('xss28')>计生协</b>",
]
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}
FORBIDDEN_TAGS = {"object", "embed", "base", "frameset", "style"}  # our pages have no <style>: CSP


class LiveMarkupFinder(HTMLParser):
    """Collects markup that would run script: handlers, inline scripts, dangerous URLs, refreshes, srcdoc."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            value = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value.startswith(DANGEROUS_SCHEMES):
                self.problems.append(f"<{tag} {name}={value[:40]}>")
            if name == "srcdoc":
                self.problems.append(f"<{tag} srcdoc>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta refresh>")
        if tag == "script" and "src" not in attributes:
            self.in_inline_script = "json" not in (attributes.get("type") or "")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_inline_script = False

    def handle_data(self, data):
        if self.in_inline_script and data.strip():
            self.problems.append(f"<script>{data.strip()[:40]}")


def live_markup(html):
    finder = LiveMarkupFinder()
    finder.feed(html)
    return finder.problems


def assert_inert(body, payload, where, content_type="text/html"):
    """The payload's markup never appears as written, and nothing in an HTML page would run. (Quotes may appear
    raw in text nodes and in XML; a quote that breaks out of an attribute shows up as live markup instead.)"""
    assert payload not in body or "<" not in payload, (where, payload)
    if content_type.startswith("text/html"):
        problems = live_markup(body)
        assert problems == [], (where, payload, problems)
