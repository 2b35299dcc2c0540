#!/usr/bin/env python3
"""Removes what a stage's stack keeps when it is deleted, so the same stage can be created
again (scripts/teardown-stage runs it for every stage but prod).

The table, the user pool, the assets bucket and (prod) the backup vault have
DeletionPolicy RetainExceptOnCreate (infra/template.yaml): deleting the stack leaves them,
and a new stack of the same stage would then fail on the names the table, bucket and
vault are given. `--list` (before the stack is deleted) writes them as JSON; `--purge FILE`
(after) deletes each: the bucket emptied of every version and delete marker first, the
vault of its recovery points. Prod is refused: its data is only ever deleted by hand.

Usage: purge.py --list --stack seisiun-STAGE > retained.json
       purge.py --purge retained.json
       [--endpoint-url http://127.0.0.1:5000]   (moto, in tests)
"""
import argparse
import json
import sys

import boto3
import botocore.exceptions

# Every resource type infra/template.yaml retains (server/tests/it/infra_template.rs checks
# that this list covers them).
RETAINED_TYPES = (
    "AWS::DynamoDB::Table",
    "AWS::S3::Bucket",
    "AWS::Cognito::UserPool",
    "AWS::Backup::BackupVault",
)

# The error codes that mean a resource is already deleted.
GONE = {"ResourceNotFoundException", "NoSuchBucket"}


def retained_resources(cloudformation, stack):
    """The stack's resources its deletion keeps: [{"type": …, "id": physical id}]."""
    if stack == "seisiun-prod":
        raise SystemExit("prod's data is never purged by a script: delete it by hand if you really mean to")
    found = []
    paginator = cloudformation.get_paginator("list_stack_resources")
    for page in paginator.paginate(StackName=stack):
        for resource in page["StackResourceSummaries"]:
            if resource["ResourceType"] in RETAINED_TYPES and resource.get("PhysicalResourceId"):
                found.append({"type": resource["ResourceType"], "id": resource["PhysicalResourceId"]})
    return found


def empty_bucket(s3, bucket):
    paginator = s3.get_paginator("list_object_versions")
    for page in paginator.paginate(Bucket=bucket):
        doomed = [
            {"Key": v["Key"], "VersionId": v["VersionId"]}
            for v in page.get("Versions", []) + page.get("DeleteMarkers", [])
        ]
        if doomed:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": doomed, "Quiet": True})


def empty_vault(backup, vault):
    paginator = backup.get_paginator("list_recovery_points_by_backup_vault")
    for page in paginator.paginate(BackupVaultName=vault):
        for point in page.get("RecoveryPoints", []):
            backup.delete_recovery_point(BackupVaultName=vault, RecoveryPointArn=point["RecoveryPointArn"])


def purge(clients, resources, out=sys.stdout):
    """Deletes each retained resource; ones already gone are skipped."""
    deleted = []
    for resource in resources:
        kind, ident = resource["type"], resource["id"]
        if "seisiun-prod" in ident:
            raise SystemExit(f"refusing to delete {ident}: prod's data is deleted by hand only")
        try:
            if kind == "AWS::DynamoDB::Table":
                clients["dynamodb"].delete_table(TableName=ident)
            elif kind == "AWS::S3::Bucket":
                empty_bucket(clients["s3"], ident)
                clients["s3"].delete_bucket(Bucket=ident)
            elif kind == "AWS::Cognito::UserPool":
                clients["cognito-idp"].delete_user_pool(UserPoolId=ident)
            elif kind == "AWS::Backup::BackupVault":
                empty_vault(clients["backup"], ident)
                clients["backup"].delete_backup_vault(BackupVaultName=ident)
            else:
                raise SystemExit(f"purge.py does not know how to delete {kind}")
        except botocore.exceptions.ClientError as error:
            if error.response.get("Error", {}).get("Code") in GONE:
                print(f"  {kind} {ident}: already gone", file=out)
                continue
            raise
        print(f"  deleted {kind} {ident}", file=out)
        deleted.append(ident)
    return deleted


def clients_for(endpoint_url=None):
    return {
        name: boto3.client(name, endpoint_url=endpoint_url)
        for name in ("dynamodb", "s3", "cognito-idp", "backup")
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--list", action="store_true", help="print the stack's retained resources as JSON")
    mode.add_argument("--purge", metavar="FILE", help="delete the resources a --list wrote")
    parser.add_argument("--stack")
    parser.add_argument("--endpoint-url")
    args = parser.parse_args()
    if args.list:
        if not args.stack:
            parser.error("--list needs --stack")
        cloudformation = boto3.client("cloudformation", endpoint_url=args.endpoint_url)
        json.dump(retained_resources(cloudformation, args.stack), sys.stdout, indent=1)
        print()
    else:
        with open(args.purge) as listed:
            purge(clients_for(args.endpoint_url), json.load(listed))


if __name__ == "__main__":
    main()
