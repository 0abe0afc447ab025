import io
import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled
from wagtail.models import Page, Revision

from portal.workflow.jobs import exclusive

logger = logging.getLogger("portal.workflow.scheduler")

MIN_INTERVAL = 10
MAX_INTERVAL = 3600


class Command(BaseCommand):
    help = "定时任务：每隔一段时间运行一次 publish_scheduled（发布到时、下线过期的页面）和栏目更新周报，直到停止。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=int, default=60, help=f"间隔秒数，{MIN_INTERVAL}–{MAX_INTERVAL}，默认 60"
        )
        parser.add_argument("--runs", type=int, default=0, help="运行几次后退出；0（默认）表示一直运行")

    def handle(self, *args, interval, runs, **options):
        if not MIN_INTERVAL <= interval <= MAX_INTERVAL:
            raise CommandError(f"间隔必须在 {MIN_INTERVAL} 到 {MAX_INTERVAL} 秒之间")
        logger.info("定时发布已启动，每 %s 秒检查一次", interval)
        done = 0
        while True:
            self.run_once()
            done += 1
            if runs and done >= runs:
                return
            time.sleep(interval)

    def run_once(self):
        self.publish_scheduled()
        self.send_digest()

    @staticmethod
    def send_digest():
        """栏目更新周报 (portal.editorial): the command itself sends at most once a week, whatever the interval."""
        try:
            call_command("send_freshness_digest", stdout=io.StringIO())
        except Exception:
            logger.exception("栏目更新周报本轮失败")

    def publish_scheduled(self):
        started = time.monotonic()
        try:
            with exclusive("publish_scheduled") as mine:
                if not mine:
                    logger.info("定时发布：另一台服务器正在运行，本轮跳过")
                    return
                now = timezone.now()
                due = Revision.objects.filter(approved_go_live_at__lte=now).count()
                expired = Page.objects.filter(live=True, expire_at__lt=now).count()
                call_command(WagtailPublishScheduled(), verbosity=0)
        except Exception:
            # One failed round (e.g. the database restarting) must not stop the timer; the next round retries.
            logger.exception("定时发布本轮失败")
            return
        logger.info("定时发布：发布 %d 个，下线 %d 个，用时 %.2f 秒", due, expired, time.monotonic() - started)
