#!/usr/bin/env bash
# Sets up what is missing, builds the release app and serves it on http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"   # wasm-opt 132 from npm, before any other
exec trunk serve --release "$@"
