#!/usr/bin/env bash
# Benchmarks (numbers, not tests): builds the release page and times it in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
[ "${SKIP_BUILD:-0}" = 1 ] || trunk build --release
node benchmarks/mlp_step.mjs
node benchmarks/mnist.mjs
