from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.signal_handlers import disable_reference_index_auto_update

from portal.core.models import OrgUnit
from portal.demo import site
from portal.demo.activities import load_activities
from portal.demo.exchange import load_exchange
from portal.demo.interaction import load_messages
from portal.demo.news import load_news, load_notices
from portal.demo.policies import load_policies
from portal.demo.users import demo_password, ensure_demo_users
from portal.demo.villages import load_villages
from portal.workflow.setup import setup_portal


class Command(BaseCommand):
    help = "载入演示内容（可重复运行，不会重复创建）：组织单位、首页、网站设置及各栏目示例。"

    @transaction.atomic
    def handle(self, *args, **options):
        # The reference index is brought up to date once, after the last save.
        with disable_reference_index_auto_update():
            city = site.load_orgunits()
            home = site.ensure_home()
            site.ensure_settings(home)
            self.load_sections(home, city)
            site.ensure_headline(home)
            site.ensure_notices(home)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("演示内容已就绪。"))
        if settings.DEBUG:
            username, password = site.ensure_dev_admin()
            admin = f"{settings.SITE_URL}/{settings.WAGTAILADMIN_PATH}"
            self.stdout.write(f"管理后台：{admin}  用户名 {username}  密码 {password}")

    def load_sections(self, home, city):
        campaigns = site.load_campaigns()
        units = {unit.code: unit for unit in OrgUnit.objects.all()}
        load_news(home, units, campaigns)
        load_notices(home)
        load_activities(home, units, campaigns)
        load_exchange(home, city)
        load_policies(home)
        load_villages(home)
        load_messages()
        setup_portal()  # after every section exists: groups, permissions and workflows for them
        if settings.DEBUG:
            self.show_demo_users()

    def show_demo_users(self):
        password = demo_password()
        self.stdout.write("演示用户（仅开发环境）：")
        for username, role in ensure_demo_users(password):
            self.stdout.write(f"  {username:<28} {role:<12} 密码 {password}")
