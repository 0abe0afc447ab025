"""The admin templates the portal overrides are Wagtail's own with the changes listed here and no other: when an
upgrade changes one of Wagtail's, its test fails and the copy is brought up to date (or dropped) instead of drifting.
Each copy says on its first lines, in a template comment, what it changes and why."""

import re
from pathlib import Path

import pytest
import wagtail
from django.template.loader import get_template

import portal.workflow

TOGGLE = "{% if show_schedule_publishing_toggle and not "
IN_MODERATION = "\n                    {% trans 'In Moderation' as title %}\n"
NEEDS_CHANGES_OR_IN_MODERATION = """
                    {% if workflow_state.status == "needs_changes" %}
                        {% trans 'Needs changes' as title %}
                    {% else %}
                        {% trans 'In Moderation' as title %}
                    {% endif %}
"""

CHANGES = {
    # a page sent back reads 需修改; pages scheduled on the 设置 tab get no 设置计划 button for a dialog they lack
    "wagtailadmin/shared/side_panels/includes/status/workflow.html": [
        (TOGGLE, "{% if show_schedule_publishing_toggle and not object.scheduling_on_settings_tab and not "),
        (IN_MODERATION, NEEDS_CHANGES_OR_IN_MODERATION),
    ],
    "wagtailadmin/shared/headers/_actions.html": [('aria-label="Actions"', 'aria-label="操作"')],
    "wagtailadmin/shared/user_avatar.html": [
        (
            "{% if not username %}{{ user }}{% else %}{{ username }}{% endif %}",
            "{% if username %}{{ username }}{% elif user %}{{ user }}{% else %}—{% endif %}",
        )
    ],
    "wagtailadmin/tables/boolean_cell.html": [
        (f"title=value|stringformat:'s' name=\"{icon}\"", f'title="{label}" name="{icon}"')
        for icon, label in (("help", "未知"), ("check", "是"), ("cross", "否"))
    ],
}
TEMPLATE_COMMENT_LINE = re.compile(r"^\s*\{#.*#\}\s*$")


def code_lines(text):
    return [line for line in text.splitlines() if line.strip() and not TEMPLATE_COMMENT_LINE.match(line)]


def read(folder, template):
    return (folder / template).read_text(encoding="utf-8")


OURS = Path(portal.workflow.__file__).parent / "templates"
WAGTAILS = Path(wagtail.__file__).parent / "admin" / "templates"


def test_every_copy_of_a_wagtail_admin_template_is_listed_here():
    copies = {str(path.relative_to(OURS)) for path in OURS.glob("wagtailadmin/**/*.html")}
    assert copies == set(CHANGES)


@pytest.mark.parametrize("template", CHANGES)
def test_the_admin_renders_the_portals_copy(template):
    assert Path(get_template(template).origin.name) == OURS / template


@pytest.mark.parametrize("template", CHANGES)
def test_the_copy_is_wagtails_own_with_only_the_listed_changes(template):
    expected = read(WAGTAILS, template)
    for wagtails, ours in CHANGES[template]:
        assert wagtails in expected, f"Wagtail's {template} no longer has {wagtails!r}"
        expected = expected.replace(wagtails, ours)
    assert code_lines(read(OURS, template)) == code_lines(expected)


@pytest.mark.parametrize("template", CHANGES)
def test_the_copy_says_on_its_first_lines_that_it_is_wagtails_and_what_it_changes(template):
    first_lines = read(OURS, template).splitlines()[:2]
    assert any(TEMPLATE_COMMENT_LINE.match(line) and "Wagtail" in line for line in first_lines)
