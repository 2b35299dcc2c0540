#!/usr/bin/env python3
"""moto's server for tests, one request at a time.

`moto_server` answers requests on several threads, and moto's DynamoDB backend is not
thread-safe: concurrent transactions then fail with HTTP 500. Real DynamoDB serialises
conflicting writes itself, so the tests serve moto from one thread to get the same
guarantee. Usage: moto-server.py PORT (binds 127.0.0.1).
"""
import os
import sys

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple

port = int(sys.argv[1])
os.environ.setdefault("MOTO_PORT", str(port))
run_simple("127.0.0.1", port, DomainDispatcherApplication(create_backend_app), threaded=False)
