# 101 no manifest, only files that are not text: each is a document, reported and skipped (exit 3), with lang
# und in docs.tsv and the draft; never dropped silently.
rm -rf "$O"; mk; rm -f "$C/manifest.tsv"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > "$C/scan.png"
printf '\177ELF\2\1\1\0\0\0\0\0' > "$C/tool"
expect_exit 3 "101 a folder of only non-text files" run
check "101 ... the PNG is skipped, named" says "pipeline: warning: document 'scan' skipped: '$C/scan.png': byte 0: not a text file: PNG image"
check "101 ... its language was not detected, named" says "pipeline: warning: '$C/scan.png': language not detected (und): not a text file: PNG image"
check "101 ... docs.tsv has both, skipped" sh -c "[ \"\$(awk -F'\t' 'NR > 1' '$O/docs.tsv' | wc -l)\" = 2 ]"
check "101 ... status of the PNG" has_status scan "skipped: byte 0: not a text file: PNG image"
check "101 ... status of the ELF" has_status tool "skipped: byte 0: not a text file: ELF executable"
check "101 ... lang und" test "$(col scan lang)" = und
expect_exit 3 "101 manifest: drafted with und rows" "$PIPELINE" manifest "$C"
check "101 ... one row per file" sh -c "[ \"\$(awk -F'\t' 'NR > 1 && \$3 == \"und\"' '$TMP/out' | wc -l)\" = 2 ]"
