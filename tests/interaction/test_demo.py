from django.core.management import call_command

from portal.core.models import Holiday
from portal.interaction.models import Message
from tests.demo import DemoSiteTestCase


class DemoInteractionTests(DemoSiteTestCase):
    def test_the_home_page_lists_the_demo_notices(self):
        html = self.client.get("/").content.decode()
        assert "通知公告" in html
        assert "关于开展2026年度基层协会工作交流材料报送的通知" in html
        assert "关于公布市计生协咨询服务电话的公告" in html

    def test_the_demo_replies_are_published_without_the_writers_name(self):
        html = self.client.get("/interaction/replies/").content.decode()
        assert html.count('class="reply-item"') == 3
        assert "独生子女父母奖励怎么申请？" in html and "（演示）" not in html

    def test_the_demo_inbox_has_an_overdue_report(self):
        assert Message.objects.overdue().filter(kind=Message.Kind.ERROR_REPORT).count() == 1
        assert Message.objects.open().filter(kind=Message.Kind.MESSAGE).count() == 1

    def test_the_demo_holidays_are_in_the_calendar_twice_loaded_once(self):
        call_command("load_demo", verbosity=0)
        national_day = Holiday.objects.get(name="国庆节")
        assert Holiday.objects.count() == 3
        assert [str(day) for day in national_day.workdays.order_by("date")] == [
            "2026年9月20日（星期日）",
            "2026年10月10日（星期六）",
        ]
