#!/usr/bin/env bash
# Runs wirewatch's NER tagger and Frog (tokenised input, NER only) on the same CoNLL text in the
# same run and prints tokens/s for each and the ratio. Start-up is measured on a one-sentence
# file and subtracted, so the figures are tagging throughput (Frog loads for about 6 s).
#
#   bench/compare_ner.sh [CONLL_FILE] [BUILD_DIR]     (defaults: ned.testb, build-ner)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
file="${1:-$here/../shared/data/conll2002-ned/ned.testb}"
build="${2:-$here/build-ner}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# One sentence per line, UTF-8, for frog -n; the CoNLL file itself for wirewatch tag.
iconv -f latin1 -t utf-8 "$file" > "$tmp/in.conll"
awk 'NF==0 { if (line != "") print line; line = ""; next }
     $1 == "-DOCSTART-" { next }
     { line = (line == "" ? $1 : line " " $1) }
     END { if (line != "") print line }' "$tmp/in.conll" > "$tmp/in.txt"
head -1 "$tmp/in.txt" > "$tmp/one.txt"
printf 'Een zin .\n\n' > "$tmp/one.conll"
tokens=$(wc -w < "$tmp/in.txt")

now() { date +%s.%N; }
run_time() {  # seconds taken by "$@", output discarded
  local t0 t1
  t0=$(now); "$@" > /dev/null 2>&1; t1=$(now)
  echo "$t1 - $t0" | bc -l
}

ww_start=$(run_time "$build/wirewatch" tag --format conll "$tmp/one.conll")
ww_total=$(run_time "$build/wirewatch" tag --format conll "$tmp/in.conll")
frog_start=$(run_time frog -n --skip=tmacpl -t "$tmp/one.txt")
frog_total=$(run_time frog -n --skip=tmacpl -t "$tmp/in.txt")

awk -v n="$tokens" -v ws="$ww_start" -v wt="$ww_total" -v fs="$frog_start" -v ft="$frog_total" 'BEGIN {
  w = wt - ws; if (w < 0.001) w = 0.001
  f = ft - fs; if (f < 0.001) f = 0.001
  printf "tokens: %d\n", n
  printf "wirewatch tag: %.2f s total, %.2f s start-up, %.0f tokens/s\n", wt, ws, n / w
  printf "frog -n --skip=tmacpl: %.2f s total, %.2f s start-up, %.0f tokens/s\n", ft, fs, n / f
  printf "ratio (wirewatch / frog tokens/s): %.0fx; whole runs incl. start-up: %.0fx\n", f / w, ft / wt
}'
"$build/bench/ner_bench" --model "$here/models/ner-nl.bin" "$file" | grep -E "tokens/s|RSS"
/usr/bin/time -v frog -n --skip=tmacpl -t "$tmp/one.txt" 2>&1 >/dev/null | awk '/Maximum resident/ { printf "frog peak RSS: %.1f MB\n", $NF / 1024 }'
