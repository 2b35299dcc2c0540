#!/usr/bin/env python3
"""Publishes the built site's static files (target/site: the hashed /pkg bundle and
public/'s files) to the assets bucket CloudFront serves them from.

- Content-Type by extension; Cache-Control immutable for a year on hashed names, five
  minutes on the rest.
- Uploads only what changed (MD5 against the stored ETag); running twice uploads nothing.
- Keeps the previous release's files so pages opened before a deploy keep loading them;
  files of older releases are tagged superseded=true, which the bucket's lifecycle rule
  expires a week later (infra/template.yaml).
- Invalidates only changed files whose names are not hashed (hashed names never change).

Usage: publish.py --site target/site --bucket NAME [--distribution ID] [--release ID]
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


def publish(s3, cloudfront, bucket, site, release, distribution=None, out=sys.stdout):
    files = local_files(site)
    if not files:
        raise SystemExit(f"nothing to publish in {site}: build first (cargo leptos build --release)")
    etags = stored_etags(s3, bucket)
    changed = [
        key for key, path in files.items()
        if etags.get(key) != hashlib.md5(path.read_bytes()).hexdigest()
    ]
    for n, key in enumerate(changed, 1):
        path = files[key]
        cache = IMMUTABLE if is_hashed(key) else SHORT
        print(f"  [{n}/{len(changed)}] {key} ({path.stat().st_size // 1024} KB, {cache})", file=out)
        s3.put_object(
            Bucket=bucket,
            Key=key,
            Body=path.read_bytes(),
            ContentType=content_type(key),
            CacheControl=cache,
        )
    print(f"uploaded {len(changed)} of {len(files)} files", file=out)

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
    # Files neither this release nor the previous one needs: expire (lifecycle rule).
    keep = set(current["files"]) | set((releases.get("previous") or {}).get("files", []))
    superseded = sorted(k for k in etags if k not in keep and k != RELEASES_KEY)
    for key in superseded:
        s3.put_object_tagging(
            Bucket=bucket, Key=key,
            Tagging={"TagSet": [{"Key": "superseded", "Value": "true"}]},
        )
    if superseded:
        print(f"tagged {len(superseded)} files of older releases superseded", file=out)

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
    return {"uploaded": changed, "superseded": superseded, "invalidated": stale}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default="target/site")
    parser.add_argument("--bucket", required=True)
    parser.add_argument("--distribution")
    parser.add_argument("--release", default=time.strftime("%Y%m%dT%H%M%S"))
    parser.add_argument("--endpoint-url")
    args = parser.parse_args()
    s3 = boto3.client("s3", endpoint_url=args.endpoint_url)
    cloudfront = boto3.client("cloudfront", endpoint_url=args.endpoint_url)
    publish(s3, cloudfront, args.bucket, args.site, args.release, args.distribution)


if __name__ == "__main__":
    main()
