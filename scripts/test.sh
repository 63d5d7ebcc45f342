#!/usr/bin/env bash
# The whole test suite, what CI runs (.ci/run). Installs what is missing, then, stopping at the
# first failure and naming it:
#   1. build/       normal build, every test (CTest), the dashboard's browser test in chromium
#   2. build-asan/  the same tests under AddressSanitizer + UndefinedBehaviorSanitizer + LeakSanitizer
#   3. build-fuzz/  clang + libFuzzer: every target in fuzz/ for WIREWATCH_FUZZ_SECONDS (default 60)
# Environment: WIREWATCH_FUZZ_SECONDS (0 skips fuzzing), WIREWATCH_SKIP_ASAN=1, WIREWATCH_JOBS.
# docs/robustness.md describes the sanitizer and fuzz runs and how to reproduce a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs="${WIREWATCH_JOBS:-$(nproc)}"
fuzz_seconds="${WIREWATCH_FUZZ_SECONDS:-60}"
step="bootstrap"
started=$SECONDS
trap 'echo "test.sh: FAILED in step: ${step}" >&2' ERR

begin() {
  step="$1"
  echo "=== test.sh [$((SECONDS - started))s]: ${step}" >&2
}

begin "browser test packages"
# The dashboard's browser test (tests/server/browser_test.mjs) drives Debian's chromium through
# playwright-core; node and npm build the dashboard. Installed when missing, like bootstrap's
# packages; CTest skips the browser test (with a message) only if chromium is still missing.
# The store tests also run against a throw-away PostgreSQL cluster (tests/support/pg_cluster.h):
# Debian's server package (initdb, pg_ctl, unaccent); skipped with a message only when missing.
browser_packages=(chromium chromium-driver postgresql)
command -v node >/dev/null || browser_packages+=(nodejs)
command -v npm >/dev/null || browser_packages+=(npm)
browser_missing=()
for p in "${browser_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || browser_missing+=("$p")
done
if ((${#browser_missing[@]})); then
  echo "test.sh: installing ${browser_missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${browser_missing[@]}" >&2 ||
    echo "test.sh: could not install ${browser_missing[*]}; the browser test will be skipped" >&2
fi

begin "build (build/)"
scripts/bootstrap.sh

begin "tests (build/)"
ctest --test-dir build --output-on-failure -j"${jobs}"

if [ "${WIREWATCH_SKIP_ASAN:-0}" != "1" ]; then
  # Benchmarks are not run by CI, so the sanitizer tree does not build them.
  begin "sanitizer build (build-asan/)"
  # The dashboard is built (and browser-tested) once, in build/; the API tests run here too.
  BUILD_DIR=build-asan scripts/bootstrap.sh -DWIREWATCH_SANITIZE=ON -DWIREWATCH_BUILD_BENCH=OFF \
    -DWIREWATCH_BUILD_WEB=OFF

  begin "sanitizer tests (build-asan/)"
  # halt_on_error/abort: a report must fail the test, not scroll past in its output.
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ctest --test-dir build-asan --output-on-failure -j"${jobs}"
fi

if [ "${fuzz_seconds}" != "0" ]; then
  begin "fuzzer build (build-fuzz/, clang)"
  CXX=clang++ BUILD_DIR=build-fuzz scripts/bootstrap.sh -DCMAKE_CXX_COMPILER=clang++ \
    -DWIREWATCH_BUILD_FUZZERS=ON -DWIREWATCH_BUILD_TESTS=OFF -DWIREWATCH_BUILD_BENCH=OFF -DWIREWATCH_BUILD_WEB=OFF

  mkdir -p build-fuzz/corpus build-fuzz/crashes build-fuzz/logs
  for fuzzer in build-fuzz/fuzz/*_fuzzer; do
    target="$(basename "${fuzzer}")"
    begin "fuzzing ${target} for ${fuzz_seconds}s"
    # New inputs go to build-fuzz/corpus/<target> (first folder); the committed seeds are read only.
    mkdir -p "build-fuzz/corpus/${target}" "build-fuzz/crashes/${target}"
    log="build-fuzz/logs/${target}.log"
    if ! "${fuzzer}" -max_total_time="${fuzz_seconds}" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/${target}/" \
        "build-fuzz/corpus/${target}" "fuzz/corpus/${target}" >"${log}" 2>&1; then
      tail -n 60 "${log}" >&2
      echo "test.sh: ${target} found a failure; input saved in build-fuzz/crashes/${target}/," \
           "full log in ${log}; reproduce with: ${fuzzer} <input>" >&2
      false
    fi
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "${log}" | tr '\n' ' ' >&2 || true
    echo >&2
  done
fi

step="done"
echo "=== test.sh [$((SECONDS - started))s]: all passed" >&2
