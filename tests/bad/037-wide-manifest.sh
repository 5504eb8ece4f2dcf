# 037 a manifest of 80 columns: the run carries every column into docs.tsv, and `pipeline diff` of two such
# outputs works (it used to fail past 64 columns: no fixed field limit anywhere).
mk
hdr='doc_id	path	lang'; row1='a	a.txt	ru'; row2='b	b.txt	en'
i=1; while [ $i -le 77 ]; do hdr="$hdr	extra_$i"; row1="$row1	v$i"; row2="$row2	w$i"; i=$((i + 1)); done
printf '%s\n%s\n%s\n' "$hdr" "$row1" "$row2" > "$C/manifest.tsv"
printf 'Соотечественники за рубежом.\n' > "$C/a.txt"; printf 'Diaspora abroad.\n' > "$C/b.txt"
rm -rf "$O" "$TMP/o37"
expect_exit 0 "037 a manifest of 80 columns" run
check "037 ... docs.tsv has all 80 before its own (sha256 ...)" test "$(head -1 "$O/docs.tsv" | awk -F'\t' '{ for (i = 1; i <= NF; i++) if ($i == "sha256") { print i - 1; exit } }')" = 80
printf 'Соотечественники за рубежом. Диаспора.\n' > "$C/a.txt"
expect_exit 0 "037 a second run" run --out "$TMP/o37"
expect_exit 0 "037 pipeline diff of the two" "$PIPELINE" diff "$O" "$TMP/o37"
check "037 ... reports the change" grep -q "diaspora" "$TMP/out"
rm -rf "$TMP/o37"
