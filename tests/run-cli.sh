#!/bin/sh
# run-cli.sh BUILD - runs the black-box tests tests/cli/t*.sh (TAP-like: each prints "ok"/"not ok" lines and
# exits non-zero on failure; a check that could not run prints "ok N - # SKIP <reason>", see tests/cli/lib.sh).
# Each test gets BIN (stage binaries), PIPELINE (./pipeline), ROOT, SHARED, TMP. The closing line is
# "cli: N passed, N failed, N skipped": passed/failed count the test files, skipped the checks inside them that
# did not run (each shown with its reason). With TT_REQUIRE_SHARED=1 (CI) a check that needs ../shared fails.
b=$1
ROOT=$(pwd); export ROOT
BIN=$ROOT/$b/bin; export BIN
PIPELINE=$ROOT/pipeline; export PIPELINE
TT_FLAVOR=$(basename "$b"); export TT_FLAVOR   # ./pipeline runs this build's termtrace (asan too)
TT_BUILD=$ROOT/$b; export TT_BUILD
SHARED=${TT_SHARED:-$ROOT/../shared}; export SHARED
LC_ALL=C.UTF-8; export LC_ALL
pass=0 fail=0 skip=0
for t in tests/cli/t*.sh; do
  [ -f "$t" ] || continue
  TMP=$(mktemp -d /tmp/tt-cli.XXXXXX); export TMP
  if sh "$t" > "$TMP.log" 2>&1; then
    s=$(grep -c '^ok [0-9]* - # SKIP' "$TMP.log")
    pass=$((pass + 1)); echo "ok   $t$([ "$s" -gt 0 ] && echo " ($s skipped)")"
    grep '^ok [0-9]* - # SKIP' "$TMP.log" | sed 's/^ok [0-9]* - # SKIP/       SKIP:/'
    skip=$((skip + s))
  else
    fail=$((fail + 1)); echo "FAIL $t"; grep '^not ok' "$TMP.log" | head -20; tail -n 30 "$TMP.log"
  fi
  rm -rf "$TMP" "$TMP.log"
done
echo "cli: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
