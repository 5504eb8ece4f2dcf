#!/bin/sh
# run-unit.sh BUILD TESTBIN... - runs every CUnit test program; fails if any fails. A check that could not run
# prints "SKIP: <reason>" (tests/unit/support.h, tt_test_skip); those lines are counted and shown. The closing
# line is "unit: N passed, N failed, N skipped": passed/failed count the programs, skipped the checks inside them
# that did not run. With TT_REQUIRE_SHARED=1 (CI) a check that needs ../shared fails instead of skipping.
b=$1; shift
pass=0 fail=0 skip=0
for t in "$@"; do
  if LC_ALL=C "$t" > "$t.log" 2>&1; then
    pass=$((pass + 1))
    s=$(grep -c '^SKIP: ' "$t.log")
    echo "ok   $(basename "$t") ($(grep -E '^ +asserts' "$t.log" | awk '{print $3}') asserts$([ "$s" -gt 0 ] && echo ", $s skipped"))"
    grep '^SKIP: ' "$t.log" | sed 's/^/       /'
    skip=$((skip + s))
  else
    fail=$((fail + 1)); echo "FAIL $(basename "$t"): see $t.log"; grep '^FAIL: ' "$t.log"; tail -n 40 "$t.log"
  fi
done
echo "unit: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
