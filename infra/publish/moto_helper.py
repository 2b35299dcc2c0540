"""moto's server on a free loopback port for the publish and purge tests
(scripts/moto-server.py), and the template's lifecycle rules as S3 applies them."""
import datetime
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import yaml

ROOT = Path(__file__).resolve().parents[2]
CREDENTIALS = dict(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoServer:
    def __init__(self):
        port = free_port()
        self.process = subprocess.Popen(
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
        self.endpoint = f"http://127.0.0.1:{port}"

    def client(self, service):
        return boto3.client(service, endpoint_url=self.endpoint, **CREDENTIALS)

    def stop(self):
        self.process.kill()
        self.process.wait()


class _AnyTag(yaml.SafeLoader):
    """Reads CloudFormation YAML: !Sub, !Ref and friends become plain values."""


_AnyTag.add_multi_constructor("!", lambda loader, suffix, node: (
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode)
    else loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode)
    else loader.construct_mapping(node)
))


def assets_lifecycle_rules():
    template = yaml.load((ROOT / "infra" / "template.yaml").read_text(), Loader=_AnyTag)
    bucket = template["Resources"]["AssetsBucket"]["Properties"]
    return bucket["LifecycleConfiguration"]["Rules"]


def expires_at(rules, last_modified, tags):
    """When the template's lifecycle rules expire a current object version (None: never).
    S3 counts ExpirationInDays from the object's creation (a copy is a new object)."""
    when = None
    for rule in rules:
        if rule.get("Status") != "Enabled" or "ExpirationInDays" not in rule:
            continue
        wanted = rule.get("TagFilters", [])
        if all({"Key": t["Key"], "Value": t["Value"]} in tags for t in wanted):
            at = last_modified + datetime.timedelta(days=rule["ExpirationInDays"])
            when = at if when is None else min(when, at)
    return when
