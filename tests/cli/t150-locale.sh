# t150: outputs do not depend on the user's locale. termtrace never calls setlocale, so the C library stays in
# the "C" locale whatever LC_ALL/LC_NUMERIC/LANG say, and ICU is opened with the root locale (""), never the
# default one. This test guards that: it runs the bundled corpus under a comma-decimal locale (de_DE.UTF-8) and
# under Turkish (tr_TR.UTF-8: comma decimals and the dotted/dotless i case rules) and requires byte-identical
# outputs. So that it cannot pass for want of a locale, it first proves each locale is installed and active for a
# program that does honour it (coreutils printf prints "0,5"); a missing locale is a counted skip (CI installs
# locales-all, contrib/install-deps.sh). Were setlocale(LC_ALL, "") ever added, per_10k would be written "12,5".
. tests/cli/lib.sh
"$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/c" --quiet 2>/dev/null
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
done
check "per_10k uses a decimal point" sh -c "tail -n +2 '$TMP/c/tf.tsv' | cut -f4 | grep -q '^[0-9]*\.[0-9]*$'"
finish
