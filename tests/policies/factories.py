import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from portal.policies.models import IssuingAgency, PolicyAttachment, PolicyIndexPage, PolicyIssuer, PolicyPage


class PolicyIndexPageFactory(wagtail_factories.PageFactory):
    """Pass `parent` (usually the `home` fixture)."""

    class Meta:
        model = PolicyIndexPage

    title = "政策法规"
    slug = "policies"
    show_in_menus = True


class PolicyPageFactory(wagtail_factories.PageFactory):
    """A policy text; pass `parent` (a PolicyIndexPage). `issuers=["甲机关", agency]` adds issuing bodies, each a
    name or an IssuingAgency."""

    class Meta:
        model = PolicyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"关于测试工作的通知（{n}）")
    slug = factory.Sequence(lambda n: f"policy-{n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 6, 30) - datetime.timedelta(days=n % 180))
    written_date = factory.LazyAttribute(lambda page: page.date - datetime.timedelta(days=3))
    document_number = factory.Sequence(lambda n: f"测计生协〔2025〕{n + 1}号")
    index_number = factory.Sequence(lambda n: f"TEST-2025-{n + 1:05d}")
    summary = "测试摘要"

    @factory.post_generation
    def issuers(page, create, issuers):
        if create and issuers:
            for order, issuer in enumerate(issuers):
                agency = issuer if isinstance(issuer, IssuingAgency) else None
                name = agency.name if agency else issuer
                PolicyIssuer.objects.create(page=page, agency=agency, name=name, sort_order=order)


class IssuingAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssuingAgency
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"测试机关{n}")
    code = factory.Sequence(lambda n: f"测{n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    """A small text document (Wagtail documents), as a policy attachment would be."""

    class Meta:
        model = Document
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"附件{n}")
    file = factory.LazyAttribute(lambda doc: ContentFile("测试附件内容\n".encode() * 50, name=f"{doc.title}.txt"))

    @factory.post_generation
    def file_metadata(document, create, extracted):
        """Size and hash, as Wagtail's upload form sets them."""
        if create:
            document._set_document_file_metadata()
            document.save()


class PolicyAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyAttachment

    document = factory.SubFactory(DocumentFactory)
