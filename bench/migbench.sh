#!/usr/bin/env bash
# Times Lectern's migration commands on a synthetic project, the same shape
# as ../shared/peers/django/migbench.sh so the two are compared like for like.
#   bench/migbench.sh LECTERN_BINARY N_APPS N_MIGRATIONS_PER_APP
# Generates /tmp/lectern-migbench-<N>x<M>/migrations: N apps, each with 5
# models and a chain of M migrations: 0001_initial creates the 5 models, each
# later migration k adds one field (f<k>) to model (k-2) mod 5; every 10th
# migration of app i (k % 10 == 0, i > 0) also depends on app i-1's latest.
# Then builds lectern-migbench in LECTERN_BINARY's build directory: the same
# program with these files embedded instead of migrations/ (configured with
# -DLECTERN_MIGBENCH_DIR, see bench/CMakeLists.txt), which is how production
# runs them. /usr/bin/time times, on SQLite from scratch (the database file
# deleted before each run): showmigrations, migrate --plan, migrate, and
# showmigrations once everything is applied; first with the files embedded,
# then read from the directory (`LECTERN_BINARY --migrations-dir`, how one
# works on migrations; rows suffixed _dir). REPEAT runs each (default 3):
#   <N>x<M> <command> wall_s=<median> (median of <each run>) maxrss_mb=<max MB> rc=<exit>
set -euo pipefail
BIN=$(readlink -f "${1:?usage: migbench.sh LECTERN_BINARY N_APPS N_MIGRATIONS_PER_APP}")
N=${2:?usage: migbench.sh LECTERN_BINARY N_APPS N_MIGRATIONS_PER_APP}
M=${3:?usage: migbench.sh LECTERN_BINARY N_APPS N_MIGRATIONS_PER_APP}
DIR=/tmp/lectern-migbench-${N}x${M}
rm -rf "$DIR"
mkdir -p "$DIR/migrations"

kinds=("integer default=0" "varchar(64) default=\"\"" "boolean default=false"
       "timestamp null" "decimal(10,2) default=0" "text default=\"\"")
name_of() { if [ "$1" -eq 1 ]; then echo 0001_initial; else printf '%04d_item%d_f%04d' "$1" $(( ($1 - 2) % 5 )) "$1"; fi; }
last=$(name_of "$M")
for ((i = 0; i < N; i++)); do
  app=$(printf 'app%03d' "$i")
  prev_app=$(printf 'app%03d' $((i - 1)))
  mkdir -p "$DIR/migrations/$app"
  for ((k = 1; k <= M; k++)); do
    name=$(name_of "$k")
    {
      echo "# Lectern migration"
      echo "migration $app $name"
      if [ "$k" -gt 1 ]; then echo "depends $app $(name_of $((k - 1)))"; fi
      if [ $((k % 10)) -eq 0 ] && [ "$i" -gt 0 ]; then echo "depends $prev_app $last"; fi
      echo
      if [ "$k" -eq 1 ]; then
        for ((j = 0; j < 5; j++)); do
          printf 'create_model Item%d table=%s_item%d\n  field id type=bigauto primary_key\nend\n' "$j" "$app" "$j"
        done
      else
        printf 'add_field Item%d\n  field f%04d type=%s\nend\n' $(( (k - 2) % 5 )) "$k" "${kinds[$((k % 6))]}"
      fi
    } >"$DIR/migrations/$app/$name.lmig"
  done
done
echo "generated $N apps x $M migrations = $((N * M)) migrations in $DIR" >&2

# The build directory holding LECTERN_BINARY (`lectern` is written at its top).
BUILD=$(dirname "$BIN")
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  echo "migbench.sh: $BUILD is not a CMake build directory (give its lectern binary)" >&2
  exit 2
fi
EMBEDDED=$BUILD/lectern-migbench
LOG=$DIR/build.log
echo "building $EMBEDDED with $DIR/migrations embedded (log: $LOG)" >&2
if ! { cmake -DLECTERN_MIGBENCH_DIR="$DIR/migrations" "$BUILD" &&
       cmake --build "$BUILD" -j "${JOBS:-2}" --target lectern-migbench; } >"$LOG" 2>&1; then
  tail -20 "$LOG" >&2
  echo "migbench.sh: building lectern-migbench failed (needs LECTERN_BENCH=ON; log: $LOG)" >&2
  exit 1
fi

cd "$DIR"
REPEAT=${REPEAT:-3}
TIMEFILE=$(mktemp)
trap 'rm -f "$TIMEFILE"' EXIT
DB=(--database "sqlite:///$DIR/db.sqlite3")

timeit() {
  local name=$1 fresh=$2 rc=0 walls="" rss_max=0 r wall rss_kb; shift 2
  for r in $(seq 1 "$REPEAT"); do
    if [ "$fresh" = 1 ]; then rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm; fi
    rc=0
    # Wall time from bash's own clock (microseconds): /usr/bin/time's 10 ms
    # resolution is too coarse for these commands; it still gives the RSS.
    # $EPOCHREALTIME rather than $(date): two forks of date inside the timed
    # interval added about 2 ms to every run on the 2-core VM.
    local start end
    start=$EPOCHREALTIME
    /usr/bin/time -f '%e %M' -o "$TIMEFILE" "$@" >"$DIR/$name.out" 2>&1 || rc=$?
    end=$EPOCHREALTIME
    read -r wall rss_kb < <(tail -1 "$TIMEFILE")
    wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f", e - s }')
    walls="$walls $wall"
    [ "$rss_kb" -gt "$rss_max" ] && rss_max=$rss_kb
    [ "$rc" = 0 ] || break
  done
  printf '%s\n' $walls | sort -n | awk -v p="${N}x${M}" -v n="$name" -v r="$rss_max" -v rc="$rc" -v all="$walls" \
    '{ v[NR] = $1 } END { printf "%s %s wall_s=%.4f (median of%s) maxrss_mb=%.0f rc=%s\n", p, n, v[int((NR + 1) / 2)], all, r / 1024, rc }'
}

# run_all SUFFIX COMMAND...: the four timings, rows named <command>SUFFIX.
run_all() {
  local suffix=$1 applied; shift
  timeit "showmigrations$suffix" 1 "$@" showmigrations
  timeit "migrate_plan$suffix" 1 "$@" migrate --plan
  timeit "migrate$suffix" 1 "$@" migrate
  timeit "showmigrations_applied$suffix" 0 "$@" showmigrations
  applied=$(grep -c '\[X\]' "$DIR/showmigrations_applied$suffix.out" || true)
  echo "${N}x${M} applied$suffix=$applied of $((N * M)) (outputs in $DIR/*$suffix.out)"
}
run_all "" "$EMBEDDED" "${DB[@]}"
run_all _dir "$BIN" "${DB[@]}" --migrations-dir "$DIR/migrations"
