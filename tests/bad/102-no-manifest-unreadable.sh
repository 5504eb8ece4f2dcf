# 102 no manifest, a file that cannot be read: the draft lists it as und with a warning (exit 3); the run
# skips it with the system's reason (exit 3) and counts the others. As root the open is failed by the
# fault-injection shim (INJECT_EACCES), as in case 015.
rm -rf "$O"; mk; rm -f "$C/manifest.tsv"
printf 'Соотечественники проживают за рубежом.\n' > "$C/ok.txt"
printf 'Соотечественники проживают за рубежом.\n' > "$C/secret.txt"
pre=""
if [ "$(id -u)" != 0 ]; then
  chmod 000 "$C/secret.txt"
elif case $BIN in */asan/*) true ;; *) false ;; esac; then
  pre=skip; skip "102 running as root under ASan: chmod 000 would not block reads, and the shim needs the plain build"
elif cc -shared -fPIC -o "$TMP/inject.so" tests/inject/inject.c -ldl 2> "$TMP/cc.err"; then
  pre="env INJECT_EACCES=secret.txt LD_PRELOAD=$TMP/inject.so"
else
  pre=skip; skip "102 running as root and no C compiler for the shim: chmod 000 would not block reads"
fi
if [ "$pre" != skip ]; then
  expect_exit 3 "102 manifest: an unreadable file" $pre "$BIN/termtrace" manifest "$C"
  check "102 ... warned, with the reason" says "pipeline manifest: warning: '$C/secret.txt': language not detected (und): cannot open: Permission denied"
  check "102 ... drafted as und" sh -c "grep -qP '^secret\tsecret.txt\tund\t' '$TMP/out'"
  check "102 ... the readable one is Russian" sh -c "grep -qP '^ok\tok.txt\tru\tCyrl\t' '$TMP/out'"
  expect_exit 3 "102 run: an unreadable file" $pre "$BIN/termtrace" run --corpus "$C" --lexicon lexicons/diaspora --out "$O" --quiet
  check "102 ... skipped, named" has_status secret "skipped: cannot open: Permission denied"
  check "102 ... the readable one is counted" has_status ok ok
fi
chmod 644 "$C/secret.txt"
