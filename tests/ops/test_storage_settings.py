"""Where uploads live, decided by the environment: local disk unless a bucket is named (no S3 server needed here)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OSS = {
    "AWS_STORAGE_BUCKET_NAME": "jsx-media",
    "AWS_S3_ENDPOINT_URL": "https://oss-cn-hangzhou.aliyuncs.com",
    "AWS_S3_REGION_NAME": "cn-hangzhou",
}
MEDIA = (
    "s.STORAGES['default']['BACKEND'], s.WAGTAILDOCS_SERVE_METHOD, "
    "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'][2:]"
)


def production_settings(expression, **env):
    """Import the production settings in a fresh interpreter with `env`; (stdout, stderr)."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "CSP_", "PAGE_CACHE"))}
    code = f"import portal.settings.production as s; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "SECRET_KEY": "x" * 60, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip(), result.stderr


def test_uploads_stay_on_local_disk_by_default():
    out, _ = production_settings(MEDIA)
    assert out == "django.core.files.storage.FileSystemStorage serve_view []"


def test_a_bucket_moves_uploads_to_s3_with_signed_urls_the_csp_allows():
    out, _ = production_settings(
        MEDIA + ", s.AWS_DEFAULT_ACL, s.AWS_S3_FILE_OVERWRITE, s.AWS_S3_CLIENT_CONFIG.request_checksum_calculation",
        **OSS,
    )
    assert out == (
        "storages.backends.s3.S3Storage redirect ['https://jsx-media.oss-cn-hangzhou.aliyuncs.com'] private False "
        "when_required"  # no CRC checksum on every upload: OSS and COS refuse those
    )
    out, _ = production_settings(MEDIA, **OSS, AWS_S3_ADDRESSING_STYLE="path", CSP_IMG_SRC="https://img.example")
    assert out.endswith("redirect ['https://oss-cn-hangzhou.aliyuncs.com', 'https://img.example']")


def test_documents_stream_through_the_server_when_bucket_urls_are_not_signed():
    out, _ = production_settings(MEDIA, **OSS, AWS_S3_CUSTOM_DOMAIN="media.jsx.example.org")
    assert out == "storages.backends.s3.S3Storage serve_view ['https://media.jsx.example.org']"
    out, _ = production_settings(MEDIA, **OSS, AWS_QUERYSTRING_AUTH="false")
    assert out.startswith("storages.backends.s3.S3Storage serve_view")


def test_signed_urls_must_outlast_a_cached_page():
    _, error = production_settings("1", **OSS, AWS_QUERYSTRING_EXPIRE="600")
    assert "AWS_QUERYSTRING_EXPIRE 须在 4920 秒" in error
    _, error = production_settings("1", **OSS, AWS_QUERYSTRING_EXPIRE="86400", PAGE_CACHE_SECONDS="86400")
    assert "AWS_QUERYSTRING_EXPIRE 须在" in error


def test_a_bucket_without_an_endpoint_is_refused():
    _, error = production_settings("1", AWS_STORAGE_BUCKET_NAME="jsx-media")
    assert "必须设置 AWS_S3_ENDPOINT_URL" in error
