# The image the pipeline's CodeBuild projects run in (infra/pipeline.yaml: ImageProject
# builds it into the ECR repository seisiun-ci when this file, scripts/env.sh,
# scripts/bootstrap, the wasm-bindgen version or the browser tests' packages change;
# BuildProject, PublishProject and SmokeProject run in it).
#
# ./scripts/test runs here as it does on a developer's Debian machine: AWS's standard
# CodeBuild images are Ubuntu, whose `chromium` is a snap that does not run in a container,
# and have Node 18, while the browser tests run `node --test --test-concurrency`, which
# needs Node 20.10 or later. Debian trixie has both (chromium, Node 20.19).
#
# Every tool scripts/bootstrap installs is installed here by scripts/bootstrap itself, at
# the versions scripts/env.sh and Cargo.lock pin (cargo-leptos, wasm-bindgen-cli, wasm-opt
# from npm's binaryen, moto, icalendar, cargo-lambda, cfn-lint, aws-sam-cli, checkov,
# schemathesis), plus zig for scripts/package-lambda, so a build starts with them in place
# and bootstrap finds nothing missing. Sources: Debian, crates.io, PyPI and npm only.
#
# Build (what ImageProject does): docker build -f infra/ci.Dockerfile .
FROM public.ecr.aws/docker/library/rust:1.95.0-trixie

ENV DEBIAN_FRONTEND=noninteractive \
    SEISIUN_CACHE=/opt/seisiun \
    PIP_BREAK_SYSTEM_PACKAGES=1 \
    PIP_NO_CACHE_DIR=1 \
    CARGO_TARGET_DIR=/root/.cache/seisiun-target \
    CI=true

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      chromium nodejs npm python3 python3-pip python3-venv \
      ca-certificates curl git jq unzip zip \
 && rm -rf /var/lib/apt/lists/* \
 && node -e 'const [major, minor] = process.versions.node.split(".").map(Number); if (major < 20 || (major === 20 && minor < 10)) { console.error(`Node ${process.versions.node}: the browser tests need 20.10 or later`); process.exit(1); }' \
 && chromium --version

# Rust 1.95.0 (the image's toolchain), with what the test command and the Lambda
# package need.
RUN rustup component add rustfmt clippy \
 && rustup target add wasm32-unknown-unknown aarch64-unknown-linux-gnu

# scripts/bootstrap --browser with only the files it reads: the pins in scripts/env.sh,
# the wasm-bindgen version in Cargo.lock, the browser tests' package-lock.json.
COPY scripts/env.sh scripts/bootstrap /opt/seisiun-src/scripts/
COPY Cargo.lock /opt/seisiun-src/
COPY end2end/package.json end2end/package-lock.json /opt/seisiun-src/end2end/
RUN /opt/seisiun-src/scripts/bootstrap --browser \
 && . /opt/seisiun-src/scripts/env.sh \
 && python3 -m pip install --quiet "ziglang==$ZIG_VERSION" \
 && python3 -m ziglang version \
 && cargo leptos --version && wasm-bindgen --version && cargo lambda --version \
 && "$SEISIUN_CACHE/npm-tools/node_modules/.bin/wasm-opt" --version \
 && rm -rf /opt/seisiun-src "$CARGO_TARGET_DIR" /usr/local/cargo/registry /root/.npm

# Builds ($CARGO_TARGET_DIR) and the cargo registry are cached by CodeBuild between runs
# (infra/buildspec.yml), not baked in.
