#!/usr/bin/env bash
# Sets up what is missing, then runs every check: formatting, clippy (native and wasm32),
# the native tests, a release build of the page, and the browser tests in headless Chromium
# on WebGPU (SwiftShader) and on the CPU fallback. Screenshots land in target/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
# A full run gains nothing from incremental caches, and they cost disk (about 0.6 GB).
export CARGO_INCREMENTAL=0
step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }
started=$SECONDS

step "rustfmt"
cargo fmt --all -- --check

step "import cycles (engine modules and the files of each folder)"
python3 scripts/check_cycles.py engine/src

step "clippy (native)"
cargo clippy --workspace --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy --workspace --target wasm32-unknown-unknown -- -D warnings

step "native tests (engine, trace CLI, parsing)"
cargo test --workspace

step "release build of the page (trunk + wasm-opt)"
build_start=$SECONDS
trunk build --release
wasm=$(ls dist/*.wasm)
ctor_wrappers=$(grep -c command_export "$wasm" || true)
if [ "$ctor_wrappers" != 0 ]; then
  echo "error: $wasm wraps exports in static constructors (command_export); see lib.rs start()" >&2
  exit 1
fi
printf 'wasm: %s bytes raw, %s bytes gzip; build %ss\n' \
  "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)" "$((SECONDS - build_start))"

step "browser tests (headless Chromium: WebGPU and CPU)"
TRACE_BIN="$TARGET_DIR/debug/trace" node --test --test-concurrency=1 tests/browser/
echo "all checks passed in $((SECONDS - started))s"
