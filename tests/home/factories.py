import factory
import wagtail_factories

from home.models import HomePage, StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    """A plain page such as 协会概况; pass `parent` (the `home` fixture)."""

    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"普通页面{n}")
    slug = factory.Sequence(lambda n: f"page-{n}")


class HomePageFactory(wagtail_factories.PageFactory):
    """The home page; pass `parent` (the tree's root page)."""

    class Meta:
        model = HomePage

    title = "首页"
    slug = "home"
