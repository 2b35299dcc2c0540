# Starts the release server for scripts that test or audit it. Sourced after env.sh, not run.
# start_release_server: runs `$CARGO_TARGET_DIR/release/server` (built by
# `cargo leptos build --release --split`) on a free loopback port with a temporary embedded store,
# which the server fills with demo data, waits for /readyz, exports BASE_URL, and stops the
# server and removes the store when the calling script exits.

start_release_server() {
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  # Globals, not locals: the EXIT trap runs after this function has returned.
  release_data_dir="$(mktemp -d)"
  release_log="$release_data_dir/server.log"
  # The values cargo-leptos would pass to the server at run time.
  LEPTOS_OUTPUT_NAME=seisiun LEPTOS_SITE_ROOT="$SEISIUN_ROOT/target/site" LEPTOS_SITE_PKG_DIR=pkg \
  LEPTOS_HASH_FILES=true LEPTOS_ENV=PROD LEPTOS_SITE_ADDR="127.0.0.1:$port" \
  DATA_DIR="$release_data_dir" RUST_LOG=warn LOCAL_MODERATORS=moderator@example.org \
    "$CARGO_TARGET_DIR/release/server" >"$release_log" 2>&1 &
  release_server_pid=$!
  trap stop_release_server EXIT

  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    kill -0 "$release_server_pid" 2>/dev/null || { cat "$release_log"; echo "the server stopped before it was ready" >&2; exit 1; }
    sleep 0.2
  done
  export BASE_URL="http://127.0.0.1:$port"
}

stop_release_server() {
  kill "$release_server_pid" 2>/dev/null || true
  wait "$release_server_pid" 2>/dev/null || true
  rm -rf "$release_data_dir"
}
