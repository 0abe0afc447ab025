import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.images.models import Image
from wagtail.models import Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from home.models import HomePage, StandardPage
from portal.activities import demo as activities_demo
from portal.core.demo import get_or_publish_child, load_orgunits, paragraphs
from portal.core.models import PortalSettings
from portal.core.sites import site_address
from portal.exchange import demo as exchange_demo
from portal.interaction import demo as interaction_demo
from portal.news import demo as news_demo
from portal.news.models import NewsPage
from portal.policies import demo as policies_demo
from portal.villages import demo as villages_demo
from portal.workflow import demo as workflow_demo

# Each domain app's demo loader: a function (home, city) -> None that creates its pages idempotently.
DEMO_LOADERS = [
    news_demo.load,
    news_demo.load_notices,
    activities_demo.load,
    exchange_demo.load,
    policies_demo.load,
    villages_demo.load,
    interaction_demo.load,
    workflow_demo.load,  # last: groups, workflows and demo users for the sections above
]

DEV_ADMIN = ("admin", "admin@example.com")

ABOUT = paragraphs(
    "云溪市计划生育协会（演示）是党和政府联系育龄群众的桥梁和纽带，由市、县（区）、乡镇（街道）和村（社区）四级协会组成，"
    "另有企业和流动人口计生协会。",
    "协会围绕宣传倡导、生殖健康咨询服务、生育关怀、流动人口服务和基层群众自治开展工作，"
    "组织会员在“5·29”会员活动日、世界人口日等节点走进社区，为群众送去政策解读、健康知识和关爱帮扶。",
    "本网站由协会办公室维护，发布工作动态、政策法规、示范村风采和各乡镇活动报道。",
)
CONTACT = paragraphs(
    "对本网站内容有疑问或建议，或需要咨询生育关怀、青春健康等服务，欢迎通过下列方式联系我们。",
    "办公时间：工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）。",
)


LOGO = settings.BASE_DIR / "static" / "img" / "logo-192.png"  # drawn for the demo: 96 px high on screen at 2×


def demo_logo():
    existing = Image.objects.filter(title="云溪市计生协标志（演示）").first()
    if existing:
        return existing
    with LOGO.open("rb") as file:
        return Image.objects.create(title="云溪市计生协标志（演示）", file=ImageFile(file, name="demo-logo.png"))


def about_pages(home):
    """协会概况 and 联系我们, the pages the footer links to."""
    about = get_or_publish_child(home, StandardPage(title="协会概况", slug="about", body=ABOUT))
    contact = get_or_publish_child(home, StandardPage(title="联系我们", slug="contact", body=CONTACT))
    return about, contact


class Command(BaseCommand):
    help = "载入演示内容（可重复运行，不会重复创建）：组织单位、首页、网站设置及各栏目示例。"

    @transaction.atomic
    def handle(self, *args, **options):
        city = load_orgunits()
        home = self.ensure_home()
        self.ensure_settings(home)
        with disable_reference_index_auto_update():  # one rebuild at the end costs a fraction of a save-by-save update
            for loader in DEMO_LOADERS:
                loader(home, city)
        self.ensure_headline(home)
        self.ensure_notices(home)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("演示内容已就绪。"))
        if settings.DEBUG:
            self.ensure_dev_admin()

    def ensure_home(self):
        home = HomePage.objects.first()
        if home is None:
            # Wagtail's install leaves a placeholder "Welcome" page (a plain Page) as the site root.
            Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
            home = Page.get_first_root_node().add_child(
                instance=HomePage(
                    title="首页",
                    slug="home",
                    intro="云溪市计划生育协会：宣传倡导、生殖健康咨询、生育关怀、流动人口服务和基层群众自治。",
                )
            )
            home.save_revision().publish()
        hostname, port = site_address(settings.SITE_URL)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": hostname, "port": port, "root_page": home, "site_name": "计生协门户"},
        )
        return home

    def ensure_settings(self, home):
        site = Site.objects.get(root_page=home)
        portal = PortalSettings.for_site(site)
        portal.org_name = "云溪市计划生育协会"
        portal.address = "云溪市人民路100号"
        portal.phone = "0000-12345678"
        portal.email = "jsx@example.org"
        portal.icp_number = "演示ICP备00000000号-1"
        portal.police_number = "演示公网安备00000000000000号"
        portal.description = "云溪市计划生育协会门户网站：工作动态、政策法规、示范村和基层活动，面向会员和群众公开。"
        portal.sponsor = "云溪市计划生育协会"
        portal.organizer = "云溪市计划生育协会办公室"
        portal.site_code = "0000000000"
        portal.logo = demo_logo()
        portal.about_page, portal.contact_page = about_pages(home)
        portal.save()

    def ensure_headline(self, home):
        """The newest news item with a picture leads the home page, once: an editor's later choice is kept."""
        home = HomePage.objects.get(pk=home.pk)  # the loaders have added children since: a fresh numchild
        story = NewsPage.objects.live().exclude(listing_image=None).order_by("-date").first()
        if home.headline_id is None and story is not None:
            home.headline, home.headline_image, home.headline_text = story, story.listing_image, story.summary
            home.save_revision().publish()

    def ensure_notices(self, home):
        """The 通知公告 section fills the home page's notices slot, once: an editor's later choice is kept."""
        home = HomePage.objects.get(pk=home.pk)
        notices = home.get_children().filter(slug="notices").first()
        if home.notices_id is None and notices is not None:
            home.notices = notices
            home.save_revision().publish()

    def ensure_dev_admin(self):
        username, email = DEV_ADMIN
        password = os.environ.get("DEV_ADMIN_PASSWORD", "portal-admin-2026")
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": email, "is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(password)
            user.save()
        self.stdout.write(
            f"管理后台：http://127.0.0.1:8000/{settings.WAGTAILADMIN_PATH}  用户名 {username}  密码 {password}"
        )
