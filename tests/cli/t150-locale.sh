# t150: outputs do not depend on the user's locale. termtrace never calls setlocale, so the C library stays in
# the "C" locale whatever LC_ALL/LC_NUMERIC/LANG say, and ICU is opened with the root locale (""), never the
# default one. This test guards that: it runs the bundled corpus under a comma-decimal locale (de_DE.UTF-8) and
# under Turkish (tr_TR.UTF-8: comma decimals and the dotted/dotless i case rules) and requires byte-identical
# outputs. So that it cannot pass for want of a locale, it first proves each locale is installed and active for a
# program that does honour it (coreutils printf prints "0,5"); a missing locale is a counted skip (CI installs
# locales-all, contrib/install-deps.sh). And since a later setlocale(LC_ALL, "") must not change that either,
# the runs are repeated with the locale really active in the C library (an LD_PRELOAD shim calls setlocale at
# start-up; the summary line on stderr then says "0,0 MB", the files must not change): every writer formats
# numbers without the locale (tt/num.h).
. tests/cli/lib.sh
"$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/c" --quiet 2>/dev/null
shim=
case ${TT_FLAVOR:-release} in
release) printf '#include <locale.h>\n__attribute__((constructor)) static void init(void) { setlocale(LC_ALL, ""); }\n' > "$TMP/setloc.c"
         cc -shared -fPIC -o "$TMP/setloc.so" "$TMP/setloc.c" 2>/dev/null && shim=$TMP/setloc.so ;;
esac
[ -n "$shim" ] || skip "no setlocale shim (needs cc and the plain build): outputs with the locale active in libc not compared"
for loc in de_DE.UTF-8 tr_TR.UTF-8; do
  if [ "$(LC_ALL=$loc /usr/bin/printf '%.1f' 0.5 2>/dev/null)" != "0,5" ]; then
    skip "locale $loc is not installed (apt-get install locales-all): outputs under it not compared"
    continue
  fi
  ok "locale $loc is installed and active for a program that calls setlocale (printf 0.5 -> 0,5)"
  LC_ALL=$loc "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/l" --quiet 2>/dev/null
  check "outputs under LC_ALL=$loc are byte-identical" same_outputs "$TMP/c" "$TMP/l"
  rm -rf "$TMP/l"
  env -u LC_ALL LANG=$loc LC_NUMERIC=$loc LC_CTYPE=$loc "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/l" --quiet 2>/dev/null
  check "outputs under LANG=LC_NUMERIC=LC_CTYPE=$loc are byte-identical" same_outputs "$TMP/c" "$TMP/l"
  rm -rf "$TMP/l"
  if [ -n "$shim" ]; then
    LD_PRELOAD=$shim LC_ALL=$loc "$BIN/termtrace" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/l" 2> "$TMP/err" # not --quiet: the summary line shows the locale
    check "with setlocale(LC_ALL, \"\") forced under $loc: the locale is active (stderr 'N,N MB')" grep -qE '[0-9],[0-9]+ MB' "$TMP/err"
    check "... and the outputs are still byte-identical" same_outputs "$TMP/c" "$TMP/l"
    rm -rf "$TMP/l"
  fi
done
check "per_10k uses a decimal point" sh -c "tail -n +2 '$TMP/c/tf.tsv' | cut -f4 | grep -q '^[0-9]*\.[0-9]*$'"
finish
