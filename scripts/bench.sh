#!/usr/bin/env bash
# Benchmarks (numbers, not tests): builds the release page and the native bench tool, then times
# them in headless Chromium and natively, beside TensorFlow.js 4.22 (bench-only page, served on
# the app's origin, not part of dist/). Prints tables and writes benchmarks/RESULTS.md.
# SKIP_BUILD=1 reuses the last build (dist/, bench-native, target/bench/profile-dist).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  trunk build --release
  # The profiles need function names, which wasm-opt drops from dist/: keep a copy of dist/
  # whose wasm is this build's wasm-bindgen output before wasm-opt (same code, names kept).
  # Its JS glue must be dist's, or the copy belongs to another checkout's build.
  PROFILE_DIST=target/bench/profile-dist
  BINDGEN="$TARGET/wasm-bindgen/release"
  rm -rf "$PROFILE_DIST"
  js=$(ls dist/backprop-lab-*.js 2>/dev/null | head -1 || true)
  wasm=$(ls dist/backprop-lab-*_bg.wasm 2>/dev/null | head -1 || true)
  if [ -n "$js" ] && [ -n "$wasm" ] && cmp -s "$BINDGEN/backprop-lab.js" "$js"; then
    mkdir -p target/bench
    cp -r dist "$PROFILE_DIST"
    cp "$BINDGEN/backprop-lab_bg.wasm" "$PROFILE_DIST/$(basename "$wasm")"
    # Without wasm-opt the file differs: drop the integrity hashes of the copy's index.html.
    sed -i -E 's/ integrity="[^"]*"//g' "$PROFILE_DIST/index.html"
  else
    echo "[bench] no named wasm for this build in $BINDGEN: profiles will be skipped" >&2
  fi
  cargo build --release -p engine --bin bench-native
fi
node benchmarks/mlp_step.mjs
node benchmarks/mnist.mjs
node benchmarks/compare.mjs
