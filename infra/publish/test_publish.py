"""The publish step against moto's S3 and CloudFront on loopback (scripts/moto-server.py on
a free port): headers, only-what-changed, twice is safe, the previous release kept, older
ones superseded, and invalidations only for changed unhashed files.

Run: python3 -m unittest discover -s infra/publish
"""
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

import boto3

sys.path.insert(0, str(Path(__file__).parent))
import publish  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_site(site, bundle_hash, favicon):
    (site / "pkg").mkdir(parents=True, exist_ok=True)
    for old in (site / "pkg").iterdir():
        old.unlink()
    for ext, body in [("wasm", b"\0asm" + bundle_hash.encode()), ("js", b"export{}"), ("css", b"body{}")]:
        (site / "pkg" / f"seisiun.{bundle_hash}.{ext}").write_bytes(body + bundle_hash.encode())
    (site / "favicon.svg").write_text(favicon)
    (site / "manifest.webmanifest").write_text('{"name":"Seisiún"}')
    (site / "hash.txt").write_text(bundle_hash)
    (site / "pkg" / f"seisiun.d.{bundle_hash}.ts").write_text("export {}")


class PublishTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        port = free_port()
        cls.moto = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "moto-server.py"), str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        endpoint = f"http://127.0.0.1:{port}"
        env = dict(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
        cls.s3 = boto3.client("s3", endpoint_url=endpoint, **env)
        cls.cloudfront = boto3.client("cloudfront", endpoint_url=endpoint, **env)

    @classmethod
    def tearDownClass(cls):
        cls.moto.kill()
        cls.moto.wait()

    def setUp(self):
        self.bucket = f"assets-{time.time_ns()}"
        self.s3.create_bucket(Bucket=self.bucket)
        self.distribution = self.cloudfront.create_distribution(DistributionConfig={
            "CallerReference": self.bucket,
            "Comment": "test",
            "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [{
                "Id": "assets",
                "DomainName": f"{self.bucket}.s3.amazonaws.com",
                "S3OriginConfig": {"OriginAccessIdentity": ""},
            }]},
            "DefaultCacheBehavior": {
                "TargetOriginId": "assets",
                "ViewerProtocolPolicy": "redirect-to-https",
                "MinTTL": 0,
                "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                "TrustedSigners": {"Enabled": False, "Quantity": 0},
            },
        })["Distribution"]["Id"]
        self.site = Path(tempfile.mkdtemp())

    def run_publish(self, release):
        out = io.StringIO()
        report = publish.publish(
            self.s3, self.cloudfront, self.bucket, self.site, release, self.distribution, out=out
        )
        report["printed"] = out.getvalue()
        return report

    def invalidated_paths(self):
        listing = self.cloudfront.list_invalidations(DistributionId=self.distribution)
        paths = []
        for item in listing["InvalidationList"].get("Items", []):
            batch = self.cloudfront.get_invalidation(DistributionId=self.distribution, Id=item["Id"])
            paths += batch["Invalidation"]["InvalidationBatch"]["Paths"]["Items"]
        return paths

    def tags(self, key):
        tags = self.s3.get_object_tagging(Bucket=self.bucket, Key=key)["TagSet"]
        return {t["Key"]: t["Value"] for t in tags}

    def test_first_publish_uploads_everything_with_the_right_headers(self):
        write_site(self.site, "Ab12Cd34Ef56", "<svg/>")
        report = self.run_publish("r1")
        self.assertEqual(len(report["uploaded"]), 5, report)
        self.assertIn("[5/5]", report["printed"], "progress is printed")
        expected = {
            "pkg/seisiun.Ab12Cd34Ef56.wasm": ("application/wasm", publish.IMMUTABLE),
            "pkg/seisiun.Ab12Cd34Ef56.js": ("text/javascript; charset=utf-8", publish.IMMUTABLE),
            "pkg/seisiun.Ab12Cd34Ef56.css": ("text/css; charset=utf-8", publish.IMMUTABLE),
            "favicon.svg": ("image/svg+xml", publish.SHORT),
            "manifest.webmanifest": ("application/manifest+json", publish.SHORT),
        }
        for key, (content_type, cache) in expected.items():
            head = self.s3.head_object(Bucket=self.bucket, Key=key)
            self.assertEqual(head["ContentType"], content_type, key)
            self.assertEqual(head["CacheControl"], cache, key)
        keys = [o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket)["Contents"]]
        self.assertNotIn("hash.txt", keys, "the server keeps hash.txt")
        self.assertFalse([k for k in keys if k.endswith(".ts")], "no TypeScript declarations")
        self.assertEqual(self.invalidated_paths(), [], "new files need no invalidation")

    def test_running_twice_changes_nothing(self):
        write_site(self.site, "Ab12Cd34Ef56", "<svg/>")
        self.run_publish("r1")
        again = self.run_publish("r1")
        self.assertEqual(again["uploaded"], [])
        self.assertEqual(again["superseded"], [])
        self.assertEqual(self.invalidated_paths(), [])

    def test_a_new_release_keeps_the_previous_one_and_supersedes_older_ones(self):
        write_site(self.site, "Ab12Cd34Ef56", "<svg/>")
        self.run_publish("r1")
        write_site(self.site, "Gh78Ij90Kl12", "<svg id='new'/>")
        second = self.run_publish("r2")
        self.assertEqual(
            sorted(second["uploaded"]),
            ["favicon.svg", "pkg/seisiun.Gh78Ij90Kl12.css", "pkg/seisiun.Gh78Ij90Kl12.js",
             "pkg/seisiun.Gh78Ij90Kl12.wasm"],
            "only what changed",
        )
        self.assertEqual(self.invalidated_paths(), ["/favicon.svg"], "only the changed unhashed file")
        self.assertEqual(second["superseded"], [], "r1 is the previous release: kept for open pages")
        self.assertEqual(self.tags("pkg/seisiun.Ab12Cd34Ef56.wasm"), {})

        write_site(self.site, "Mn34Op56Qr78", "<svg id='new'/>")
        third = self.run_publish("r3")
        self.assertEqual(
            third["superseded"],
            ["pkg/seisiun.Ab12Cd34Ef56.css", "pkg/seisiun.Ab12Cd34Ef56.js",
             "pkg/seisiun.Ab12Cd34Ef56.wasm"],
        )
        self.assertEqual(self.tags("pkg/seisiun.Ab12Cd34Ef56.wasm"), {"superseded": "true"})
        self.assertEqual(self.tags("pkg/seisiun.Gh78Ij90Kl12.wasm"), {}, "r2 is now the previous")
        self.assertEqual(self.invalidated_paths(), ["/favicon.svg"], "no new invalidation")

    def test_an_empty_site_is_refused(self):
        with self.assertRaises(SystemExit) as refused:
            self.run_publish("r1")
        self.assertIn("build first", str(refused.exception))


if __name__ == "__main__":
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    unittest.main()
