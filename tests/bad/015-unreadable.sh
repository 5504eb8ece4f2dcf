# 015 an unreadable file: skipped (exit 3) with the system's reason. chmod 000 does not stop root, so as root
# the open is failed with EACCES by the fault-injection shim (tests/inject/inject.c, INJECT_EACCES).
rm -rf "$O"; mk
printf 'Соотечественники.\n' > "$C/ok.txt"; add ok ok.txt ru
printf 'Соотечественники.\n' > "$C/secret.txt"; add secret secret.txt ru
mkdir "$C/dir.txt"; add dir dir.txt ru
if [ "$(id -u)" != 0 ]; then
  chmod 000 "$C/secret.txt"
  expect_exit 3 "015 a file without read permission (chmod 000)" run
elif case $BIN in */asan/*) true ;; *) false ;; esac; then
  skip "015 running as root under ASan: chmod 000 would not block reads, and the shim needs the plain build"
elif cc -shared -fPIC -o "$TMP/inject.so" tests/inject/inject.c -ldl 2> "$TMP/cc.err"; then
  expect_exit 3 "015 a file that cannot be opened (EACCES injected: running as root)" \
    env TT_PROG=pipeline INJECT_EACCES=secret.txt LD_PRELOAD="$TMP/inject.so" "$BIN/termtrace" run --corpus "$C" --lexicon lexicons/diaspora --out "$O" --quiet
else
  skip "015 running as root and no C compiler for the shim: chmod 000 would not block reads"
fi
if [ -f "$O/docs.tsv" ]; then
  check "015 ... permission denied, named" says "pipeline: warning: document 'secret' skipped: '$C/secret.txt': cannot open: Permission denied"
  check "015 ... in docs.tsv" has_status secret "skipped: cannot open: Permission denied"
  check "015 ... a folder instead of a file" has_status dir "skipped: cannot read: Is a directory"
  check "015 ... the readable one is counted" has_status ok ok
fi
chmod 644 "$C/secret.txt"
