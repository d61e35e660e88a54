#!/usr/bin/env bash
# The browser tests as CTest cases, in two halves so that each stays well
# inside CTest's timeout: `run.sh sqlite learners` runs the visitors' and
# students' specs on SQLite, `run.sh sqlite teachers` every other spec;
# `run.sh postgres learners|teachers` runs the journeys of students (with
# JavaScript and without), instructors and admins on PostgreSQL
# (LECTERN_TEST_POSTGRES_URL). `run.sh sqlite X.spec.mjs ...` runs only
# those specs. Needs LECTERN_BINARY and the npm packages
# (scripts/install-deps runs `npm ci` here).
set -euo pipefail
cd "$(dirname "$0")"
backend=${1:-sqlite}
shift || true
learners=(catalogue.spec.mjs accounts.spec.mjs learning.spec.mjs personal.spec.mjs
  without-javascript.spec.mjs)
specs=()
case "${1:-}" in
  learners) specs=("${learners[@]}") ;;
  teachers)
    if [ "$backend" = postgres ]; then
      specs=(teach.spec.mjs assess.spec.mjs admin.spec.mjs)
    else
      for spec in *.spec.mjs; do
        [[ " ${learners[*]} " == *" $spec "* ]] || specs+=("$spec")
      done
    fi
    ;;
  *) specs=("$@") ;;
esac
if [ "$backend" = postgres ]; then
  if [ -z "${LECTERN_TEST_POSTGRES_URL:-}" ]; then
    if [ "${LECTERN_TEST_REQUIRE_POSTGRES:-}" = 1 ]; then
      echo "run.sh: LECTERN_TEST_REQUIRE_POSTGRES=1 but no LECTERN_TEST_POSTGRES_URL" >&2
      exit 1
    fi
    echo "run.sh: no LECTERN_TEST_POSTGRES_URL; skipped (run by hand)"
    exit 77
  fi
  if [ ${#specs[@]} -eq 0 ]; then
    specs=("${learners[@]}" teach.spec.mjs assess.spec.mjs admin.spec.mjs)
  fi
fi
if [ ! -x node_modules/.bin/playwright ]; then
  echo "run.sh: the npm packages are missing; run scripts/install-deps" >&2
  exit 1
fi
export LECTERN_WEB_BACKEND=$backend
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export LECTERN_WEB_OUTPUT=${LECTERN_WEB_OUTPUT:-$(mktemp -d)/results}
exec node_modules/.bin/playwright test "${specs[@]}"
