#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every test (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
