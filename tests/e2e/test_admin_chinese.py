"""The admin in 简体中文 for every demo role: each screen the role reaches shows no English UI text — neither in the
page nor in placeholders, titles and aria-labels. Screens that differ by role (dashboard, explorer, add and edit forms
with the status panel and scheduling dialog open) are checked for every role, the others once. Words from the demo
content (titles, slugs, file names, usernames) and a few names that stay in English (Wagtail, ECharts, PDF…) are
allowed."""

import re
import time

import pytest
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.snippets.models import get_snippet_models

from portal.core.models import OrgUnit

from .wagtail_admin import ADMIN

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROLES = ["city_admin", "editor", "policy_editor", "city_reviewer", "reviewer_qingxi", "submitter_qingxi-baishui"]
KEPT_IN_ENGLISH = {"Wagtail", "ECharts", "URL", "ID", "API", "RSS", "PDF", "Word", "Excel", "CSV", "XLSX", "JSON"}
KEPT_IN_ENGLISH |= {"SEO"}
KEPT_IN_ENGLISH |= {"JPEG", "JPG", "PNG", "GIF", "WEBP", "WebP", "AVIF", "KB", "MB", "GB"}  # file formats and sizes
KEPT_IN_ENGLISH |= {"Ctrl", "Shift", "Alt", "Cmd", "Enter", "Esc", "Tab", "GMT", "UTC"}  # keys, time zones
KEPT_IN_ENGLISH |= {"XX"}  # the placeholder figure the exchange help text talks about
NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|(?<![A-Za-z])/[\w./%-]*|[\w-]+(\.[\w-]+)+|\w*[_\d]\w*")
WORD = re.compile(r"[A-Za-z]{2,}")
# What differs by role (menus, the pages listed, the action buttons): checked for every role
ROLE_SCREENS = ["", "pages/", "township-submissions/", "scheduled-pages/", "freshness/"]
# The same for everyone who may open them: checked once, as the first role that may (keeps the test under 3 minutes)
SHARED_SCREENS = [
    "pages/search/?q=计生",
    "workflows/list/",
    "workflows/tasks/index/",
    "reports/workflow/",
    "reports/workflow_tasks/",
    "reports/locked/",
    "reports/site-history/",
    "reports/aging-pages/",
    "reports/page-types-usage/",
    "images/",
    "images/multiple/add/",
    "documents/",
    "documents/multiple/add/",
    "snippets/",
    "collections/",
    "users/",
    "groups/",
    "sites/",
    "redirects/",
    "searchpicks/",
    "account/",
    "reporting-statistics/",
    "reports/prepublish-checks/",
    "inbox/",
    "inbox/overdue/",
]

# Every text node the user can see or hear (not inside a <select>: only its chosen option), then the placeholder, title
# and aria-label of every element that is not hidden
VISIBLE_TEXT = """() => {
    const shown = (element) => !element.checkVisibility || element.checkVisibility();
    const parts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const parent = walker.currentNode.parentElement;
        if (parent && !parent.closest("select, script, style, template, noscript") && shown(parent)) {
            parts.push(walker.currentNode.textContent);
        }
    }
    for (const select of document.querySelectorAll("select")) {
        if (shown(select)) parts.push(...[...select.selectedOptions].map((option) => option.text));
    }
    for (const element of document.querySelectorAll("[placeholder], [title], [aria-label]")) {
        if (shown(element)) {
            for (const name of ["placeholder", "title", "aria-label"]) {
                if (element.getAttribute(name)) parts.push(element.getAttribute(name));
            }
        }
    }
    return parts.join("\\n");
}"""


def demo_words():
    """ASCII words of the demo content, which may appear anywhere in the admin."""
    texts = list(Page.objects.filter(depth__gt=1).values_list("title", "slug"))  # not the root page, "Root"
    texts += get_image_model().objects.values_list("title", "file")
    texts += get_document_model().objects.values_list("title", "file")
    texts += get_user_model().objects.values_list("username", "email", "first_name", "last_name")
    texts += OrgUnit.objects.values_list("code", "name")
    texts += Site.objects.values_list("hostname", "site_name")
    return {word for row in texts for text in row for word in WORD.findall(str(text))}


def english_words(text, allowed):
    """Each English word of `text` (outside e-mail addresses, URLs, paths, file names and identifiers) with the line
    it is on."""
    found = []
    for line in text.splitlines():
        for word in WORD.findall(NOT_WORDS.sub(" ", line)):
            if word not in allowed:
                found.append(f"{word} ← {line.strip()[:90]}")
    return found


def page_editor_screens(user):
    """The edit form of one page of each type `user` may edit, and the add form of each type `user` may create."""
    screens, added = [], set()
    pages = Page.objects.filter(depth__gt=1).order_by("content_type", "path").specific()
    seen_types = set()
    for page in pages:
        permissions = page.permissions_for_user(user)
        if page.content_type_id not in seen_types and permissions.can_edit():
            seen_types.add(page.content_type_id)
            screens.append(f"pages/{page.pk}/edit/")
        if not permissions.can_add_subpage():
            continue
        for model in page.specific_class.creatable_subpage_models():
            if model not in added and model.can_create_at(page):
                added.add(model)
                screens.append(f"pages/add/{model._meta.app_label}/{model._meta.model_name}/{page.pk}/")
    return screens


def snippet_screens():
    """The listing and the add form of every snippet type (a role without access is redirected, and skipped)."""
    listings = [f"snippets/{model._meta.app_label}/{model._meta.model_name}/" for model in get_snippet_models()]
    return [screen for listing in listings for screen in (listing, f"{listing}add/")]


def first_listing(user):
    """A page explorer listing `user` can open: the first section with children it can edit."""
    for page in Page.objects.filter(depth=3).order_by("path"):
        if page.get_children().exists() and page.permissions_for_user(user).can_edit():
            return f"pages/{page.pk}/"
    return "pages/"


def open_extras(page, path):
    """Open what hides text on a screen: the explorer's filters, the editor's status panel and scheduling dialog."""
    if path.startswith("pages/") and path.rstrip("/").split("/")[-1].isdigit():
        toggle = page.locator("button[aria-label='显示过滤器']")
        if toggle.count():
            toggle.click()
            page.wait_for_timeout(300)
    if path.endswith("/edit/"):
        toggle = page.locator("button[data-side-panel-toggle='status']")
        if toggle.get_attribute("aria-expanded") == "false":  # the admin remembers the last open side panel
            toggle.click()
        schedule = page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']")
        if schedule.count():
            schedule.click()
            page.wait_for_selector("#schedule-publishing-dialog:not([aria-hidden='true'])", timeout=5000)


def english_on(page, base, path, allowed):
    response = page.goto(f"{base}{ADMIN}{path}")
    if response is None or response.status != 200 or not page.url.startswith(f"{base}{ADMIN}{path.split('?')[0]}"):
        return None  # not a screen of this role (403, or redirected to the dashboard)
    open_extras(page, path)
    return english_words(page.evaluate(VISIBLE_TEXT), allowed)


def test_every_admin_screen_of_every_role_is_in_chinese(sign_in, demo):
    started = time.monotonic()
    allowed = KEPT_IN_ENGLISH | demo_words()
    problems, visited, shared_checked = [], {}, set()
    for username in ROLES:
        user = get_user_model().objects.get(username=username)
        browser_page = sign_in(username)
        shared = [path for path in [*SHARED_SCREENS, *snippet_screens()] if path not in shared_checked]
        visited[username] = 0
        for path in [*ROLE_SCREENS, first_listing(user), *page_editor_screens(user), *shared]:
            words = english_on(browser_page, demo, path, allowed)
            if words is None:
                continue
            visited[username] += 1
            shared_checked.add(path)
            problems += [f"{username} {ADMIN}{path}: {word}" for word in dict.fromkeys(words)]
        browser_page.context.close()
    print(f"已检查 {visited}，用时 {time.monotonic() - started:.0f} 秒")
    assert visited["submitter_qingxi-baishui"] >= 5
    assert not problems, "后台还有英文：\n" + "\n".join(problems)
