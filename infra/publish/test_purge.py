"""Tearing a stage down for good (scripts/teardown-stage → purge.py) against moto: what the
stack retains is listed before it goes and deleted after, a versioned bucket emptied of
every version first, so the stage's fixed names are free for the same stage again.

Run: python3 -m unittest discover -s infra/publish
"""
import io
import json
import sys
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import purge  # noqa: E402
from moto_helper import MotoServer  # noqa: E402


class PurgeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.moto = MotoServer()
        cls.clients = {name: cls.moto.client(name) for name in ("dynamodb", "s3", "cognito-idp")}
        cls.cloudformation = cls.moto.client("cloudformation")

    @classmethod
    def tearDownClass(cls):
        cls.moto.stop()

    def test_a_stages_retained_data_is_listed_then_deleted_and_its_names_are_free_again(self):
        stage = f"feature-{time.time_ns() % 10**8}"
        stack = f"seisiun-{stage}"
        self.cloudformation.create_stack(StackName=stack, TemplateBody=json.dumps({"Resources": {
            "SessionsTable": {
                "Type": "AWS::DynamoDB::Table",
                "DeletionPolicy": "RetainExceptOnCreate",
                "Properties": {
                    "TableName": stack,
                    "BillingMode": "PAY_PER_REQUEST",
                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                },
            },
            "AssetsBucket": {
                "Type": "AWS::S3::Bucket",
                "DeletionPolicy": "RetainExceptOnCreate",
                "Properties": {"BucketName": f"{stack}-site", "VersioningConfiguration": {"Status": "Enabled"}},
            },
            "Topic": {"Type": "AWS::SNS::Topic"},
        }}))
        listed = purge.retained_resources(self.cloudformation, stack)
        self.assertEqual(
            sorted(r["type"] for r in listed), ["AWS::DynamoDB::Table", "AWS::S3::Bucket"],
            "only the retained kinds",
        )
        s3 = self.clients["s3"]
        for body in (b"one", b"two"):  # two versions, then a delete marker
            s3.put_object(Bucket=f"{stack}-site", Key="pkg/seisiun.Ab12Cd34Ef56.wasm", Body=body)
        s3.delete_object(Bucket=f"{stack}-site", Key="pkg/seisiun.Ab12Cd34Ef56.wasm")
        pool = self.clients["cognito-idp"].create_user_pool(PoolName=stack)["UserPool"]["Id"]
        # (The backup vault exists in prod only, which is never purged.)
        listed.append({"type": "AWS::Cognito::UserPool", "id": pool})

        out = io.StringIO()
        deleted = purge.purge(self.clients, listed, out=out)
        self.assertEqual(len(deleted), 3, out.getvalue())
        self.assertNotIn(stack, self.clients["dynamodb"].list_tables()["TableNames"])
        self.assertNotIn(f"{stack}-site", [b["Name"] for b in s3.list_buckets()["Buckets"]])
        pools = self.clients["cognito-idp"].list_user_pools(MaxResults=60)["UserPools"]
        self.assertNotIn(pool, [p["Id"] for p in pools])

        # The same stage can be created again: its names are free.
        s3.create_bucket(Bucket=f"{stack}-site")
        self.clients["dynamodb"].create_table(
            TableName=stack, BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        )
        # Running it again finds the user pool already gone: no error.
        self.assertEqual(purge.purge(self.clients, listed[2:], out=io.StringIO()), [])

    def test_prod_is_never_purged(self):
        with self.assertRaises(SystemExit):
            purge.retained_resources(self.cloudformation, "seisiun-prod")
        with self.assertRaises(SystemExit):
            purge.purge(self.clients, [{"type": "AWS::DynamoDB::Table", "id": "seisiun-prod"}], out=io.StringIO())


if __name__ == "__main__":
    unittest.main()
