"""API representations of policy-to-policy links: enough for a client to show the link without another request.
Only texts a visitor can open are shown (live, no view restriction): a draft's title and 文号 never leak."""

from rest_framework import serializers


def policy_link(page):
    return {
        "id": page.pk,
        "title": page.title,
        "document_number": page.document_number,
        "doc_type": page.doc_type,
        "validity": page.validity,
        "html_url": page.full_url,
    }


class PolicyLinkField(serializers.Field):
    """One linked policy text (a ForeignKey), or null when there is none or it is not live and public."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, page):
        is_public = page.live and type(page).objects.filter(pk=page.pk).public().exists()
        return policy_link(page) if is_public else None


class LivePolicyLinksField(serializers.Field):
    """The live, public texts of a reverse relation (replaces, interpretations), newest first."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        return [policy_link(page) for page in manager.live().public().order_by("-date", "-pk")]


class IssuingAgencySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    code = serializers.CharField()
