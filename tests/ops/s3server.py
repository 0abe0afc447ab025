"""A real S3 API on this machine for tests: moto in server mode on 127.0.0.1, one bucket, and the environment that
points the portal's media at it (AWS_STORAGE_BUCKET_NAME and friends, path addressing).

    python tests/ops/s3server.py COMMAND…    # start moto, create the bucket, run COMMAND with that environment, stop

`make test-s3` runs tests/ops/test_s3.py this way; tests/ops/two_servers.py uses `running_s3()` directly.
"""

import contextlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import boto3
from botocore.config import Config

PORT = int(os.environ.get("S3_TEST_PORT", "8140"))
BUCKET = "portal-media"
REGION = "us-east-1"
KEYS = {"AWS_ACCESS_KEY_ID": "moto-test-key", "AWS_SECRET_ACCESS_KEY": "moto-test-secret"}


def portal_env(endpoint, bucket=BUCKET):
    """The variables a server reads to keep its media in `bucket` at `endpoint` (README, 配置)."""
    return {
        **KEYS,
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_S3_ADDRESSING_STYLE": "path",
        "AWS_LOCATION": "media",
        "TEST_S3_ENDPOINT": endpoint,
    }


def client(endpoint):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
        config=Config(s3={"addressing_style": "path"}),
    )


def wait_until_up(endpoint, process, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto 没有启动（退出码 {process.returncode}），端口 {endpoint} 可能被占用")
        try:
            urllib.request.urlopen(endpoint, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return  # an S3 error answer: the server is up
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"moto 在 {seconds} 秒内没有在 {endpoint} 上应答")


@contextlib.contextmanager
def running_s3(port=PORT, log=subprocess.DEVNULL):
    """moto on 127.0.0.1:`port` with an empty bucket; yields the portal's environment for it; always stops moto."""
    endpoint = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log
    )
    try:
        wait_until_up(endpoint, process)
        client(endpoint).create_bucket(Bucket=BUCKET)
        yield portal_env(endpoint)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(command):
    if not command:
        print(__doc__)
        return 2
    with running_s3() as env:
        print(f"S3（moto）：{env['AWS_S3_ENDPOINT_URL']}，存储桶 {BUCKET}")
        return subprocess.run(command, env={**os.environ, **env}, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
