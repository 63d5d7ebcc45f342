#!/usr/bin/env bash
# The main job on the bundled example pages: installs what is missing, builds, analyses
# examples/pages/ and shows the records (also written to out/examples.jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_TARGET=wirewatch scripts/bootstrap.sh
mkdir -p out
build/wirewatch analyze examples/pages > out/examples.jsonl
echo "wirewatch: $(wc -l < out/examples.jsonl) records from $(ls examples/pages | wc -l) pages -> out/examples.jsonl" >&2
cat out/examples.jsonl
