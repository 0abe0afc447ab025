from portal.editorial.digest import send_weekly_digest
from portal.workflow.jobs import ExclusiveCommand


class Command(ExclusiveCommand):
    help = "栏目更新周报：给逾期栏目的负责人发邮件，每周（星期一起算）只发一次，可以每分钟运行"
    lock_name = "send_freshness_digest"
    busy_message = "另一进程正在发送栏目更新周报，本轮跳过"

    def handle_exclusively(self, *args, **options):
        sent = send_weekly_digest()
        if sent is None:
            self.stdout.write("本周的栏目更新周报已经发过")
        else:
            self.stdout.write(f"栏目更新周报已发送：{sent} 封")
