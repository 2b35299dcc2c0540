"""The publish step against moto's S3 and CloudFront on loopback (scripts/moto-server.py on
a free port): headers, only-what-changed, twice is safe, the previous release kept, older
ones superseded, and invalidations only for changed unhashed files.

Run: python3 -m unittest discover -s infra/publish
"""
import datetime
import io
import os
import sys
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import publish  # noqa: E402
from moto_helper import MotoServer, assets_lifecycle_rules, expires_at  # noqa: E402


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
        cls.moto = MotoServer()
        cls.s3 = cls.moto.client("s3")
        cls.cloudfront = cls.moto.client("cloudfront")
        cls.cloudformation = cls.moto.client("cloudformation")

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def setUp(self):
        self.bucket = f"assets-{time.time_ns()}"
        self.s3.create_bucket(Bucket=self.bucket)
        self.s3.put_bucket_versioning(Bucket=self.bucket, VersioningConfiguration={"Status": "Enabled"})
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

    def run_publish(self, release, phase="all"):
        out = io.StringIO()
        report = publish.publish(
            self.s3, self.cloudfront, self.bucket, self.site, release, self.distribution,
            out=out, phase=phase,
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

    def bundle(self, bundle_hash):
        return [f"pkg/seisiun.{bundle_hash}.{ext}" for ext in ("css", "js", "wasm")]

    def expiry(self, key):
        """When the template's lifecycle rules would expire the file as it is now."""
        head = self.s3.head_object(Bucket=self.bucket, Key=key)
        tags = self.s3.get_object_tagging(Bucket=self.bucket, Key=key)["TagSet"]
        return expires_at(assets_lifecycle_rules(), head["LastModified"], tags)

    def releases(self):
        body = self.s3.get_object(Bucket=self.bucket, Key=publish.RELEASES_KEY)["Body"].read()
        return __import__("json").loads(body)

    def test_a_rollback_keeps_its_files_through_the_lifecycle(self):
        write_site(self.site, "Ab12Cd34Ef56", "<svg/>")
        self.run_publish("r1")
        write_site(self.site, "Gh78Ij90Kl12", "<svg/>")
        self.run_publish("r2")
        write_site(self.site, "Mn34Op56Qr78", "<svg/>")
        self.run_publish("r3")
        for key in self.bundle("Ab12Cd34Ef56"):
            self.assertIsNotNone(self.expiry(key), f"{key} is two releases old: it expires")

        # r3 is bad: r1 is published again, in the two phases a deploy runs.
        write_site(self.site, "Ab12Cd34Ef56", "<svg/>")
        before = self.run_publish("r1", phase="upload")
        self.assertEqual(before["uploaded"], [], "r1's files are all still there")
        self.assertEqual(sorted(before["restored"]), self.bundle("Ab12Cd34Ef56"))
        self.assertEqual(self.releases()["current"]["id"], "r3", "the upload phase records nothing")
        self.run_publish("r1", phase="finish")
        self.assertEqual(self.releases()["current"]["id"], "r1")
        for key in self.bundle("Ab12Cd34Ef56"):
            self.assertEqual(self.tags(key), {}, key)
            self.assertIsNone(self.expiry(key), f"{key} is live again: the lifecycle must never expire it")
        for key in self.bundle("Mn34Op56Qr78"):
            self.assertIsNone(self.expiry(key), f"{key} is the previous release: kept for open pages")

    def test_superseded_files_get_the_whole_grace_period_from_their_marking(self):
        write_site(self.site, "Ab12Cd34Ef56", "<svg/>")
        self.run_publish("r1")
        time.sleep(1.1)  # LastModified has whole seconds: make marking time differ from upload
        write_site(self.site, "Gh78Ij90Kl12", "<svg/>")
        self.run_publish("r2")
        write_site(self.site, "Mn34Op56Qr78", "<svg/>")
        marked_from = datetime.datetime.fromtimestamp(int(time.time()), datetime.timezone.utc)
        self.run_publish("r3")
        grace = [r["ExpirationInDays"] for r in assets_lifecycle_rules() if r.get("TagFilters")]
        self.assertTrue(grace and min(grace) >= 14, f"a real grace period, not {grace} days")
        for key in self.bundle("Ab12Cd34Ef56"):
            self.assertGreaterEqual(
                self.expiry(key), marked_from + datetime.timedelta(days=min(grace)),
                f"{key} expires {min(grace)} days after it was marked, not after it was uploaded",
            )
        # A later publish does not restart the clock of files already marked.
        expiries = {key: self.expiry(key) for key in self.bundle("Ab12Cd34Ef56")}
        time.sleep(1.1)
        write_site(self.site, "St90Uv12Wx34", "<svg/>")
        fourth = self.run_publish("r4")
        self.assertEqual(sorted(fourth["superseded"]), self.bundle("Gh78Ij90Kl12"), "only r2 is new to mark")
        self.assertEqual({key: self.expiry(key) for key in expiries}, expiries)

    def test_the_upload_phase_adds_the_new_bundle_beside_the_running_one(self):
        write_site(self.site, "Ab12Cd34Ef56", "<svg/>")
        self.run_publish("r1")
        write_site(self.site, "Gh78Ij90Kl12", "<svg/>")
        self.run_publish("r2")
        write_site(self.site, "Mn34Op56Qr78", "<svg/>")
        before = self.run_publish("r3", phase="upload")
        self.assertEqual(before["superseded"], [], "nothing is marked while r2 still serves pages")
        keys = {o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket)["Contents"]}
        for key in self.bundle("Gh78Ij90Kl12") + self.bundle("Mn34Op56Qr78"):
            self.assertIn(key, keys)
            self.assertEqual(self.tags(key), {}, key)
        self.assertEqual(self.releases()["current"]["id"], "r2")
        after = self.run_publish("r3", phase="finish")
        self.assertEqual(after["uploaded"], [], "the upload phase did it")
        self.assertEqual(sorted(after["superseded"]), self.bundle("Ab12Cd34Ef56"))
        self.assertEqual(self.releases()["previous"]["id"], "r2")

    def test_before_a_stages_first_deploy_there_is_nothing_to_publish_to(self):
        write_site(self.site, "Ab12Cd34Ef56", "<svg/>")
        out = io.StringIO()
        report = publish.publish_to_stack(
            self.s3, self.cloudfront, self.cloudformation, f"seisiun-none-{time.time_ns()}",
            self.site, "r1", out=out, phase="upload",
        )
        self.assertTrue(report["skipped"])
        self.assertIn("first deploy", out.getvalue())
        with self.assertRaises(SystemExit):
            publish.publish_to_stack(
                self.s3, self.cloudfront, self.cloudformation, f"seisiun-none-{time.time_ns()}",
                self.site, "r1", out=out, phase="finish",
            )

    def test_a_stacks_outputs_name_the_bucket_and_distribution(self):
        stack = f"seisiun-t{time.time_ns()}"
        self.cloudformation.create_stack(StackName=stack, TemplateBody=__import__("json").dumps({
            "Resources": {"Assets": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": f"{stack}-site"}}},
            "Outputs": {
                "AssetsBucketName": {"Value": {"Ref": "Assets"}},
                "DistributionId": {"Value": self.distribution},
            },
        }))
        write_site(self.site, "Ab12Cd34Ef56", "<svg/>")
        report = publish.publish_to_stack(
            self.s3, self.cloudfront, self.cloudformation, stack, self.site, "r1",
            out=io.StringIO(), phase="all",
        )
        self.assertFalse(report["skipped"])
        keys = {o["Key"] for o in self.s3.list_objects_v2(Bucket=f"{stack}-site")["Contents"]}
        self.assertTrue(set(self.bundle("Ab12Cd34Ef56")) <= keys, keys)

    def test_an_empty_site_is_refused(self):
        with self.assertRaises(SystemExit) as refused:
            self.run_publish("r1")
        self.assertIn("build first", str(refused.exception))


if __name__ == "__main__":
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    unittest.main()
