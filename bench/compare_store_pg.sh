#!/usr/bin/env bash
# PostgreSQL against SQLite on the same generated corpus (docs/performance.md, "PostgreSQL
# store"). Starts a temporary PostgreSQL cluster (initdb into WORKDIR/pg, 127.0.0.1 at a free
# port, default durability: fsync and synchronous_commit on), then:
#   1. ingest rate: `wirewatch ingest --from-jsonl` of the first N_INGEST corpus records split
#      into 1, 2 and 4 parts, one worker process per part at once, into a fresh store each time:
#      PostgreSQL, and SQLite (where a second writer waits for the file lock: see the output);
#   2. queries: build/bench/store_bench at N_QUERY records into PostgreSQL (the SQLite figures
#      come from the same program with no STORE argument), plus the database size.
# The cluster is stopped and deleted at the end. Run as root, the server runs as `postgres`.
#   bench/compare_store_pg.sh BUILD ANALYSED.jsonl [N_INGEST=20000] [N_QUERY=100000] [WORKDIR=/tmp/wirewatch_pg_bench]
set -euo pipefail
build="$1"
analysed="$2"
n_ingest="${3:-20000}"
n_query="${4:-100000}"
work="${5:-/tmp/wirewatch_pg_bench}"
bin="${WIREWATCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$bin/initdb" ] || { echo "compare_store_pg: no PostgreSQL binaries (apt-get install postgresql)" >&2; exit 2; }
ww="$build/wirewatch"

rm -rf "$work"
mkdir -p "$work"
as=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$work"
  as=(runuser -u postgres --)
fi
"${as[@]}" "$bin/initdb" -D "$work/pg" -U wirewatch -A trust -E UTF8 --locale=C >"$work/initdb.log"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as[@]}" "$bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c shared_buffers=256MB -c max_wal_size=2GB" start >/dev/null
trap '"${as[@]}" "$bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null; rm -rf "$work/pg"' EXIT
uri() { echo "postgresql://wirewatch@127.0.0.1:$port/$1"; }
psql_do() { psql -q -X -d "$(uri postgres)" -c "$1" >/dev/null; }

# The corpus: store_bench writes it (N_QUERY records, new ids, days over two years).
psql_do "CREATE DATABASE queries"
echo "== queries: store_bench $n_query records into PostgreSQL"
"$build/bench/store_bench" "$analysed" "$n_query" "$work" "$(uri queries)"
size=$(psql -X -A -t -d "$(uri postgres)" -c "SELECT pg_database_size('queries')")
echo "store: $((size / 1000000)) MB, $(python3 -c "print(round($size / 1e6 / ($n_query / 1000), 2))") MB per 1,000 records"

head -n "$n_ingest" "$work/corpus.jsonl" >"$work/ingest.jsonl"
for workers in 1 2 4; do
  rm -f "$work"/part.* "$work"/err.*
  split -n "l/$workers" -d "$work/ingest.jsonl" "$work/part."
  parts=("$work"/part.*)
  for backend in postgresql sqlite; do
    if [ "$backend" = postgresql ]; then
      psql_do "CREATE DATABASE ingest$workers"
      db="$(uri "ingest$workers")"
    else
      db="$work/ingest$workers.db"
      rm -f "$db" "$db-wal" "$db-shm"
      # One worker creates the file first, so the others open an existing store.
      "$ww" ingest --db "$db" --from-jsonl /dev/null 2>/dev/null || true
      "$ww" stats --db "$db" >/dev/null
    fi
    start=$(date +%s.%N)
    pids=()
    for part in "${parts[@]}"; do
      "$ww" ingest --db "$db" --batch 500 --from-jsonl "$part" 2>"$work/err.$backend.${part##*.}" &
      pids+=($!)
    done
    failed=0
    for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    if [ "$backend" = postgresql ]; then
      stored=$(psql -X -A -t -d "$db" -c "SELECT COUNT(*) FROM records")
    else
      stored=$("$ww" stats --db "$db" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["records"])')
    fi
    printf '%-10s %d worker(s): %6.1f s, %5.0f records/s, %d stored, %d worker(s) failed\n' \
      "$backend" "$workers" "$secs" "$(echo "$stored / $secs" | bc -l)" "$stored" "$failed"
    if [ "$failed" -gt 0 ]; then grep -h "wirewatch" "$work"/err."$backend".* | grep -v "records read" | sort -u | head -3; fi
  done
done
