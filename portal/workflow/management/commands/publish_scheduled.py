from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from portal.workflow.jobs import ExclusiveCommand


class Command(ExclusiveCommand, WagtailPublishScheduled):
    help = "发布到时的页面、下线过期的页面（Wagtail 自带命令，加了锁：多台服务器同时运行时只有一台执行）"
    lock_name = "publish_scheduled"
    busy_message = "另一进程正在运行定时发布，本轮跳过"
