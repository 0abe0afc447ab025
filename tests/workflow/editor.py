"""The page editor as a browser uses it: load the edit form, change fields, post it back."""

import json

from bs4 import BeautifulSoup
from django.urls import reverse

SKIPPED_INPUTS = {"submit", "button", "file", "image", "reset"}


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def form_fields(html, form_id="page-edit-form"):
    """{name: [values]} of the form as the browser would post it unchanged (StreamFields must be empty: their
    inputs are built by JavaScript)."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    assert form is not None, f"no <form id={form_id}> in the page"
    for template in form.find_all("template"):
        template.decompose()
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if name and not field.has_attr("disabled"):
            for value in field_values(field):
                data.setdefault(name, []).append(value)
    for stream in form.find_all(attrs={"data-block": True}):
        value, _errors = json.loads(stream["data-w-block-arguments-value"])
        assert value == [], "form_fields() only posts empty StreamFields"
        data[f"{stream['id']}-count"] = ["0"]
    return data


def field_values(field):
    if field.name == "textarea":
        return [field.text.removeprefix("\n")]
    if field.name == "select":
        chosen = [option for option in field.find_all("option") if option.has_attr("selected")]
        if not chosen and not field.has_attr("multiple"):
            chosen = field.find_all("option")[:1]
        return [option.get("value", option.text) for option in chosen]
    kind = field.get("type", "text")
    if kind in SKIPPED_INPUTS or (kind in ("checkbox", "radio") and not field.has_attr("checked")):
        return []
    return [field.get("value", "on" if kind in ("checkbox", "radio") else "")]


def open_editor(client, page):
    """GET the edit page; returns (response, the form's data)."""
    response = client.get(edit_url(page))
    assert response.status_code == 200, response
    return response, form_fields(response.content.decode())


def post_editor(client, page, data, action="action-save", **changes):
    """POST the edit form with `changes` ({field: value}) applied and the button `action` pressed."""
    posted = {**data, **{name: [str(value)] for name, value in changes.items()}, action: ["1"]}
    return client.post(edit_url(page), posted)
