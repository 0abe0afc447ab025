"""The edit form's status panel is Wagtail's own template with two documented changes, and no other difference: when
Wagtail's template changes in an upgrade, this fails and the fork is brought up to date (or dropped)."""

from pathlib import Path

import wagtail
from django.template.loader import get_template

import portal.workflow

TEMPLATE = "wagtailadmin/shared/side_panels/includes/status/workflow.html"
TOGGLE = "{% if show_schedule_publishing_toggle and not "
TOGGLE_UNLESS_SETTINGS_TAB = "{% if show_schedule_publishing_toggle and not object.scheduling_on_settings_tab and not "
IN_MODERATION = "\n                    {% trans 'In Moderation' as title %}\n"
NEEDS_CHANGES_OR_IN_MODERATION = """
                    {% if workflow_state.status == "needs_changes" %}
                        {% trans 'Needs changes' as title %}
                    {% else %}
                        {% trans 'In Moderation' as title %}
                    {% endif %}
"""


def template_text(package):
    return (Path(package.__file__).parent / "templates" / TEMPLATE).read_text(encoding="utf-8")


def wagtail_template_with_the_two_changes():
    text = (Path(wagtail.__file__).parent / "admin" / "templates" / TEMPLATE).read_text(encoding="utf-8")
    assert text.count(TOGGLE) == 3 and text.count(IN_MODERATION) == 1, "Wagtail's status panel has changed"
    return text.replace(TOGGLE, TOGGLE_UNLESS_SETTINGS_TAB).replace(IN_MODERATION, NEEDS_CHANGES_OR_IN_MODERATION)


def test_the_status_panel_is_the_one_the_admin_renders():
    assert Path(get_template(TEMPLATE).origin.name) == Path(portal.workflow.__file__).parent / "templates" / TEMPLATE


def test_the_status_panel_differs_from_wagtails_only_by_the_needs_changes_label_and_the_schedule_button():
    comment, rest = template_text(portal.workflow).split("\n", 1)
    assert comment.startswith("{# Wagtail 8.0's own template with two changes")
    assert rest == wagtail_template_with_the_two_changes()
