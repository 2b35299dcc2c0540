# Shared by the project's scripts: where builds and tools live. Sourced, not run.
# Builds and tools are kept outside the clone so a fresh clone on the same machine
# (CI clones afresh each time) reuses them; a new machine simply builds from scratch.
SEISIUN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEISIUN_CACHE="${SEISIUN_CACHE:-$HOME/.cache/seisiun}"
SEISIUN_TOOLS="$SEISIUN_CACHE/npm-tools"
# One checkout at a time per target directory: path packages get the same artifact names in
# any checkout, and cargo's mtime fingerprints can then take one checkout's artifacts as fresh
# for another's older sources. To build another commit beside this one (a "before" build to
# measure against), give it its own CARGO_TARGET_DIR.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$SEISIUN_CACHE/target}"
export PATH="$HOME/.cargo/bin:$SEISIUN_TOOLS/node_modules/.bin:$PATH"
# Pinned tool versions. cargo-leptos 0.3.10 is the newest that builds on rustc 1.95;
# npm's binaryen 132 gives a wasm-opt that keeps hydration working (Debian's 108 breaks it).
CARGO_LEPTOS_VERSION="0.3.10"
BINARYEN_VERSION="132.0.0"
# moto stands in for DynamoDB (and later Cognito) on loopback in tests.
MOTO_VERSION="5.2.5"
# cargo-lambda's Lambda runtime emulator runs the server binary in tests (from PyPI).
CARGO_LAMBDA_VERSION="1.9.2"
ZIG_VERSION="0.17.0"
# Offline checks of infra/*.yaml, each in its own virtualenv under the cache (aws-sam-cli
# and checkov pin conflicting boto3 versions).
CFN_LINT_VERSION="1.58.0"
SAM_CLI_VERSION="1.170.0"
CHECKOV_VERSION="3.3.30"
SAM_VENV="$SEISIUN_CACHE/sam-venv-$SAM_CLI_VERSION"
CHECKOV_VENV="$SEISIUN_CACHE/checkov-venv-$CHECKOV_VERSION"
# The public API's schema fuzz (scripts/api-fuzz), in its own virtualenv too.
SCHEMATHESIS_VERSION="4.32.5"
SCHEMATHESIS_VENV="$SEISIUN_CACHE/schemathesis-venv-$SCHEMATHESIS_VERSION"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
