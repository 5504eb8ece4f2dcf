# lib.sh - helpers for the black-box tests (sourced). Each test prints "ok N - what" / "not ok N - what" and
# exits non-zero if any check failed. Environment from tests/run-cli.sh: ROOT BIN PIPELINE SHARED TMP.
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
# skip "why": a check that could not run here (a tool, a locale, root): counted and shown by run-cli.sh, never a
# pass. TT_REQUIRE_ALL=1 turns it into a failure.
skip() {
  if [ "${TT_REQUIRE_ALL:-}" = 1 ]; then notok "$* (not allowed to skip: TT_REQUIRE_ALL=1)"; else n=$((n + 1)); echo "ok $n - # SKIP $*"; fi
}
# skip_shared "why": a check that needs ../shared ($SHARED) and cannot find it; with TT_REQUIRE_SHARED=1 (CI) a
# failure.
skip_shared() {
  if [ "${TT_REQUIRE_SHARED:-}" = 1 ]; then notok "$* (not allowed to skip: TT_REQUIRE_SHARED=1, SHARED=$SHARED)"; else n=$((n + 1)); echo "ok $n - # SKIP $*"; fi
}
check() { # check "what" command...
  what=$1; shift
  if "$@"; then ok "$what"; else notok "$what"; fi
}
# expect_exit CODE "what" command... : the command's exit status must be CODE (stdout/stderr in $TMP/out, $TMP/err)
expect_exit() {
  want=$1 what=$2; shift 2
  "$@" > "$TMP/out" 2> "$TMP/err"; got=$?
  if [ "$got" -eq "$want" ]; then ok "$what (exit $got)"; else notok "$what (exit $got, want $want)"; sed 's/^/#   /' "$TMP/err" | head -20; fi
}
# same_outputs A B: every output file byte-identical, run.json compared without its "execution" member.
same_outputs() {
  a=$1 b=$2 rc=0
  (cd "$a" && find . -type f | sort) > "$TMP/fa"; (cd "$b" && find . -type f | sort) > "$TMP/fb"
  if ! cmp -s "$TMP/fa" "$TMP/fb"; then echo "# file lists differ:"; diff "$TMP/fa" "$TMP/fb" | head; return 1; fi
  while read -r f; do
    case $f in
    ./run.json) grep -v '"execution"' "$a/$f" > "$TMP/ja"; grep -v '"execution"' "$b/$f" > "$TMP/jb"
                cmp -s "$TMP/ja" "$TMP/jb" || { echo "# differs: $f"; diff "$TMP/ja" "$TMP/jb" | head -5; rc=1; } ;;
    *) cmp -s "$a/$f" "$b/$f" || { echo "# differs: $f"; diff "$a/$f" "$b/$f" | head -5; rc=1; } ;;
    esac
  done < "$TMP/fa"
  return $rc
}
finish() { echo "1..$n"; [ "$failed" -eq 0 ]; }
