from django.conf import settings
from django.db import models


class ImportRecord(models.Model):
    """Which file became which page: the content hash keeps a re-import from creating a second page."""

    page = models.ForeignKey("wagtailcore.Page", verbose_name="页面", on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey("wagtailcore.Page", verbose_name="上级页面", on_delete=models.CASCADE, related_name="+")
    content_hash = models.CharField("内容指纹", max_length=64, help_text="清理后正文的 SHA-256")
    filename = models.CharField("文件名", max_length=255)
    flags = models.JSONField("问题提示", default=list, blank=True)
    figure_count = models.PositiveIntegerField("数字指标数", default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", null=True, blank=True, on_delete=models.SET_NULL
    )
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "导入记录"
        constraints = [models.UniqueConstraint(fields=["parent", "content_hash"], name="importer_unique_per_parent")]

    def __str__(self):
        return self.filename
