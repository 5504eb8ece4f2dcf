# t150: numbers use '.' whatever the locale (a comma-decimal locale, if the machine has one).
. tests/cli/lib.sh
loc=$(locale -a 2>/dev/null | grep -iE '^(de_DE|ru_RU|fr_FR)\.utf-?8$' | head -1)
"$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/c" --quiet 2>/dev/null
LC_ALL=${loc:-C.UTF-8} "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/l" --quiet 2>/dev/null
check "outputs under LC_ALL=${loc:-C.UTF-8} are identical" same_outputs "$TMP/c" "$TMP/l"
check "per_10k uses a decimal point" sh -c "tail -n +2 '$TMP/l/tf.tsv' | cut -f4 | grep -q '^[0-9]*\.[0-9]*$'"
finish
