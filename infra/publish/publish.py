#!/usr/bin/env python3
"""Publishes the built site's static files (target/site: the hashed /pkg bundle and
public/'s files) to the assets bucket CloudFront serves them from.

- Content-Type by extension; Cache-Control immutable for a year on hashed names, five
  minutes on the rest.
- Uploads only what changed (MD5 against the stored ETag); running twice uploads nothing.
- Two phases around a deploy, so no page ever names a file that is not there yet:
  `--phase upload` before the stack changes puts the new release's files beside the
  running one's (pages the old function renders keep loading theirs); `--phase finish`
  after it records the release. `--phase all` (the default) does both. Without an assets
  bucket yet (a stage's first deploy, `--stack` naming no stack) the upload phase does
  nothing and says so: the finish phase publishes after the stack exists.
- Keeps the previous release's files so pages opened before a deploy keep loading them;
  files of older releases are marked superseded by copying each onto itself with the tag
  superseded=true, which the bucket's lifecycle rule expires 30 days later
  (infra/template.yaml). The copy matters: S3 counts expiration days from an object's
  creation, so tagging a months-old file in place would expire it at once; the copy is
  created now. Files already marked keep their mark (and their clock).
- A release published again (a rollback) gets its files' superseded tags removed, in both
  phases, so its files never expire while it is live.
- Invalidates only changed files whose names are not hashed (hashed names never change).

Usage: publish.py --site target/site (--bucket NAME [--distribution ID] | --stack NAME)
                  [--phase upload|finish|all] [--release ID]
                  [--endpoint-url http://127.0.0.1:5000]   (moto, in tests)
"""
import argparse
import hashlib
import json
import mimetypes
import re
import sys
import time
from pathlib import Path

import boto3

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"
# Where the bucket remembers which files each release needs.
RELEASES_KEY = "releases.json"
# cargo-leptos's hashed names: seisiun.<hash>.wasm / .js / .css (hash-files = true).
HASHED = re.compile(r"^pkg/[^/]+\.[A-Za-z0-9_-]{8,}\.(wasm|js|css)$")
SUPERSEDED = {"Key": "superseded", "Value": "true"}
PHASES = ("upload", "finish", "all")

CONTENT_TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".png": "image/png",
    ".ico": "image/x-icon",
}


def content_type(key):
    suffix = Path(key).suffix
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(key)[0] or "application/octet-stream"


def is_hashed(key):
    return bool(HASHED.match(key))


def cache_control(key):
    return IMMUTABLE if is_hashed(key) else SHORT


def local_files(site):
    """Every file browsers load, by bucket key (not wasm-bindgen's TypeScript
    declarations, nor a hash.txt, which belongs beside the server)."""
    files = {}
    for path in sorted(Path(site).rglob("*")):
        if path.is_file() and path.name != "hash.txt" and path.suffix != ".ts":
            files[path.relative_to(site).as_posix()] = path
    return files


def stored_etags(s3, bucket):
    etags = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            etags[item["Key"]] = item["ETag"].strip('"')
    return etags


def read_releases(s3, bucket):
    try:
        body = s3.get_object(Bucket=bucket, Key=RELEASES_KEY)["Body"].read()
        return json.loads(body)
    except s3.exceptions.NoSuchKey:
        return {"current": None, "previous": None}


def is_superseded(s3, bucket, key):
    tags = s3.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]
    return SUPERSEDED in tags


def stack_outputs(cloudformation, stack):
    """The stack's outputs by key, or None when there is no such stack yet."""
    try:
        stacks = cloudformation.describe_stacks(StackName=stack)["Stacks"]
    except cloudformation.exceptions.ClientError as error:
        if "does not exist" in str(error):
            return None
        raise
    return {o["OutputKey"]: o["OutputValue"] for o in stacks[0].get("Outputs", [])}


def upload(s3, cloudfront, bucket, files, distribution, release, out):
    """Uploads what changed, invalidates changed unhashed files, and unmarks any file of
    this release an earlier publish marked superseded."""
    etags = stored_etags(s3, bucket)
    changed = [
        key for key, path in files.items()
        if etags.get(key) != hashlib.md5(path.read_bytes()).hexdigest()
    ]
    for n, key in enumerate(changed, 1):
        path = files[key]
        print(f"  [{n}/{len(changed)}] {key} ({path.stat().st_size // 1024} KB, {cache_control(key)})", file=out)
        s3.put_object(
            Bucket=bucket,
            Key=key,
            Body=path.read_bytes(),
            ContentType=content_type(key),
            CacheControl=cache_control(key),
        )
    print(f"uploaded {len(changed)} of {len(files)} files", file=out)

    restored = sorted(k for k in files if k in etags and k not in changed and is_superseded(s3, bucket, k))
    for key in restored:
        s3.delete_object_tagging(Bucket=bucket, Key=key)
    if restored:
        print(f"unmarked {len(restored)} superseded files this release needs again", file=out)

    stale = ["/" + key for key in changed if not is_hashed(key) and key in etags]
    if distribution and stale:
        cloudfront.create_invalidation(
            DistributionId=distribution,
            InvalidationBatch={
                "Paths": {"Quantity": len(stale), "Items": stale},
                "CallerReference": f"{release}-{time.time_ns()}",
            },
        )
        print(f"invalidated {', '.join(stale)}", file=out)
    return changed, restored, stale


def supersede(s3, bucket, key):
    """Marks a file for expiry by copying it onto itself with the tag: the copy's creation
    date is now, so the lifecycle rule's days count from the marking."""
    head = s3.head_object(Bucket=bucket, Key=key)
    s3.copy_object(
        Bucket=bucket,
        Key=key,
        CopySource={"Bucket": bucket, "Key": key},
        MetadataDirective="REPLACE",
        ContentType=head.get("ContentType", content_type(key)),
        CacheControl=head.get("CacheControl", cache_control(key)),
        Metadata={"superseded-at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
        TaggingDirective="REPLACE",
        Tagging="superseded=true",
    )


def finish(s3, bucket, files, release, out):
    """Records the release as current (the one before it as previous) and marks the files
    neither needs superseded."""
    releases = read_releases(s3, bucket)
    current = {"id": release, "files": sorted(files)}
    if releases.get("current") and releases["current"]["id"] != release:
        releases = {"current": current, "previous": releases["current"]}
    else:
        releases = {"current": current, "previous": releases.get("previous")}
    s3.put_object(
        Bucket=bucket,
        Key=RELEASES_KEY,
        Body=json.dumps(releases, indent=1).encode(),
        ContentType="application/json",
        CacheControl="no-store",
    )
    keep = set(current["files"]) | set((releases.get("previous") or {}).get("files", []))
    # A file the previous release needs and an earlier publish marked (a rollback to it
    # and forward again) is unmarked too.
    for key in sorted(keep - set(files)):
        try:
            if is_superseded(s3, bucket, key):
                s3.delete_object_tagging(Bucket=bucket, Key=key)
        except s3.exceptions.ClientError:
            pass  # the previous release's file is already gone
    stored = stored_etags(s3, bucket)
    candidates = sorted(k for k in stored if k not in keep and k != RELEASES_KEY)
    superseded = [k for k in candidates if not is_superseded(s3, bucket, k)]
    for key in superseded:
        supersede(s3, bucket, key)
    if superseded:
        print(f"marked {len(superseded)} files of older releases superseded (expire in 30 days)", file=out)
    return superseded


def publish(s3, cloudfront, bucket, site, release, distribution=None, out=sys.stdout, phase="all"):
    if phase not in PHASES:
        raise SystemExit(f"--phase is one of {', '.join(PHASES)}, not {phase}")
    files = local_files(site)
    if not files:
        raise SystemExit(f"nothing to publish in {site}: build first (cargo leptos build --release --split)")
    changed, restored, stale = upload(s3, cloudfront, bucket, files, distribution, release, out)
    superseded = finish(s3, bucket, files, release, out) if phase in ("finish", "all") else []
    return {"uploaded": changed, "restored": restored, "superseded": superseded, "invalidated": stale}


def publish_to_stack(s3, cloudfront, cloudformation, stack, site, release, out=sys.stdout, phase="all"):
    """Publishes to the bucket and distribution a stage's stack names in its outputs."""
    outputs = stack_outputs(cloudformation, stack)
    if not outputs or "AssetsBucketName" not in outputs:
        if phase == "upload":
            print(f"{stack} has no assets bucket yet (its first deploy): the bundle is published after it is created", file=out)
            return {"skipped": True}
        raise SystemExit(f"{stack} has no AssetsBucketName output: deploy it first")
    report = publish(
        s3, cloudfront, outputs["AssetsBucketName"], site, release,
        outputs.get("DistributionId"), out=out, phase=phase,
    )
    report["skipped"] = False
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default="target/site")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--bucket")
    target.add_argument("--stack", help="read the bucket and distribution from this stack's outputs")
    parser.add_argument("--distribution")
    parser.add_argument("--phase", choices=PHASES, default="all")
    parser.add_argument("--release", default=time.strftime("%Y%m%dT%H%M%S"))
    parser.add_argument("--endpoint-url")
    args = parser.parse_args()
    s3 = boto3.client("s3", endpoint_url=args.endpoint_url)
    cloudfront = boto3.client("cloudfront", endpoint_url=args.endpoint_url)
    if args.stack:
        cloudformation = boto3.client("cloudformation", endpoint_url=args.endpoint_url)
        publish_to_stack(s3, cloudfront, cloudformation, args.stack, args.site, args.release, phase=args.phase)
    else:
        publish(s3, cloudfront, args.bucket, args.site, args.release, args.distribution, phase=args.phase)


if __name__ == "__main__":
    main()
