import pytest

from portal.demo.build import read
from portal.demo.policies import load_policies
from portal.demo.site import load_orgunits
from portal.policies.models import DocType, PolicyIndexPage, PolicyIssuer, PolicyPage, Validity

pytestmark = pytest.mark.django_db


def test_demo_policies_are_varied_and_loaded_once(home, client):
    load_orgunits()
    load_policies(home)
    load_policies(home)  # idempotent
    texts = PolicyPage.objects.live()
    assert texts.count() == len(read("policies")["items"]) >= 15
    assert {text.date.year for text in texts} == {2024, 2025, 2026}
    assert {Validity.已修改, Validity.已废止, Validity.失效} <= set(texts.values_list("validity", flat=True))
    assert not texts.exclude(validity=Validity.有效).filter(replaced_by__isnull=True).exists()
    assert texts.filter(doc_type=DocType.解读, interprets__isnull=False).count() >= 3
    assert PolicyIssuer.objects.filter(sort_order=1).values("page").distinct().count() >= 3  # joint issuance
    assert texts.filter(attachments__isnull=False).distinct().count() >= 3
    assert texts.filter(document_number_flagged=True).count() == 1
    index = PolicyIndexPage.objects.get()
    assert index.show_in_menus and index.get_parent().pk == home.pk
    for page in [index, *texts]:
        assert client.get(page.url).status_code == 200, page.url
    assert client.get("/policies/feed/").status_code == 200
