#!/usr/bin/env bash
# Times ucto and wirewatch's tokenizer on the very same text in the same run, prints the speed
# ratio, and measures how far the two agree on sentence and token boundaries. See
# docs/tokenizer.md for what the differences are.
#
#   bench/compare_tokenize.sh [BUILD_DIR] [INPUT...]
#
# BUILD_DIR defaults to build; INPUT (JSONL with a "text" field, a folder of .txt pages, or a
# file) defaults to the DpgMedia 2019 articles in ../shared. Needs ucto and python3.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
shift || true
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=("$here/../shared/data/dpgmedia2019-nl-news/dpgMedia2019-articles-byarticle-all.jsonl")
fi
bench="$build/bench/text_bench"
[ -x "$bench" ] || { echo "missing $bench: cmake --build $build --target text_bench" >&2; exit 2; }
command -v ucto >/dev/null || { echo "ucto not installed" >&2; exit 2; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Both tools read the same bytes: the documents joined by separator lines.
"$bench" --dump-text "${inputs[@]}" > "$tmp/input.txt"
bytes=$(wc -c < "$tmp/input.txt")

now() { date +%s.%N; }
t0=$(now)
ucto -L nld -n "$tmp/input.txt" "$tmp/ucto.out" 2>/dev/null
t1=$(now)
"$bench" --dump-tokens "$tmp/input.txt" > "$tmp/ours.out"
t2=$(now)

ucto_s=$(echo "$t1 - $t0" | bc -l)
ours_s=$(echo "$t2 - $t1" | bc -l)
ucto_words=$(grep -v '^WWDOCSEP$' "$tmp/ucto.out" | wc -w)
ours_words=$(grep -v '^WWDOCSEP$' "$tmp/ours.out" | wc -w)
printf 'input: %s bytes\n' "$bytes"
printf 'ucto -L nld -n : %8.3f s  %10.0f tokens/s  (%d tokens)\n' "$ucto_s" \
  "$(echo "$ucto_words / $ucto_s" | bc -l)" "$ucto_words"
printf 'text_bench dump: %8.3f s  %10.0f tokens/s  (%d tokens, process incl. I/O)\n' "$ours_s" \
  "$(echo "$ours_words / $ours_s" | bc -l)" "$ours_words"
printf 'ratio (ucto time / wirewatch time, whole process): %.0fx\n' \
  "$(echo "$ucto_s / $ours_s" | bc -l)"
# In-process throughput (tokenize + sentences, repeated): compared with ucto's tokens/s above.
"$bench" "$tmp/input.txt" | tee "$tmp/inproc.txt"
python3 - "$tmp/inproc.txt" "$ucto_words" "$ucto_s" <<'EOF'
import re, sys
m = re.search(r'([0-9.]+)M tokens/s', open(sys.argv[1]).read())
ucto = int(sys.argv[2]) / float(sys.argv[3])
print('ratio (in-process tokens/s / ucto tokens/s): %.0fx' % (float(m.group(1)) * 1e6 / ucto))
EOF

# Agreement: boundaries as offsets into the text with all spaces removed, so the two token
# streams can be compared whatever they split differently.
python3 - "$tmp/ucto.out" "$tmp/ours.out" <<'EOF'
import collections, sys

QUOTES = set("\"'`,„“”‘’«»")

def documents(path):
    docs = [[]]
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.strip() == 'WWDOCSEP':
            docs.append([])
        elif line.strip():
            docs[-1].append([t for t in line.split(' ') if t])
    return docs

def boundaries(doc):
    tokens, sentences, pos = set(), set(), 0
    for sentence in doc:
        for t in sentence:
            pos += len(t)
            tokens.add(pos)
        sentences.add(pos)
    return tokens, sentences, pos

u_docs, o_docs = documents(sys.argv[1]), documents(sys.argv[2])
if len(u_docs) != len(o_docs):
    sys.exit('document count differs: ucto %d, wirewatch %d' % (len(u_docs), len(o_docs)))
c = collections.Counter()
for u, o in zip(u_docs, o_docs):
    tu, su, nu = boundaries(u)
    to, so, no = boundaries(o)
    if nu != no:
        c['docs skipped (text changed by ucto)'] += 1
        continue
    text = ''.join(t for s in o for t in s)
    c['sentences ucto'] += len(su)
    c['sentences wirewatch'] += len(so)
    c['sentence boundaries shared'] += len(su & so)
    only_o = set(so - su)
    for p in sorted(su - so):
        # ucto ends the sentence before the closing quote, wirewatch after it.
        shifted = [q for q in only_o if 0 < q - p <= 3 and all(ch in QUOTES for ch in text[p:q])]
        if shifted:
            only_o.discard(shifted[0])
            c['same boundary, ucto before the closing quote'] += 1
        else:
            c['boundary only ucto'] += 1
    c['boundary only wirewatch'] += len(only_o)
    c['token boundaries shared'] += len(tu & to)
    c['token boundaries only ucto'] += len(tu - to)
    c['token boundaries only wirewatch'] += len(to - tu)
for k, v in c.items():
    print('%-48s %8d' % (k, v))
same = c['sentence boundaries shared'] + c['same boundary, ucto before the closing quote']
print('sentence boundary agreement (quote shift counted as agreement): %.1f%% of ucto, '
      '%.1f%% of wirewatch' % (100.0 * same / c['sentences ucto'],
                               100.0 * same / c['sentences wirewatch']))
print('token boundary agreement: %.2f%% of ucto, %.2f%% of wirewatch' % (
    100.0 * c['token boundaries shared'] / (c['token boundaries shared'] + c['token boundaries only ucto']),
    100.0 * c['token boundaries shared'] / (c['token boundaries shared'] + c['token boundaries only wirewatch'])))
EOF
