from django.core.management.base import BaseCommand

from portal.workflow.setup import setup_portal


class Command(BaseCommand):
    help = "按组织单位树建立用户组、权限、乡镇栏目、图片文档集合和审核流程（可重复运行，新增单位后再运行一次即可）。"

    def handle(self, *args, **options):
        counties = setup_portal()
        self.stdout.write(self.style.SUCCESS(f"用户组、权限和审核流程已就绪（{len(counties)} 个县(区)）。"))
