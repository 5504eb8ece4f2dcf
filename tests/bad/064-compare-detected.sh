# 064 a corpus folder without manifest (issue 15 detects lang, script, heading fields): --compare and --group-by
# are checked against the detected columns, after detection and before any document is counted.
rm -rf "$C" "$O"; mkdir -p "$C"
if [ -f "$law" ]; then sed -n 68p "$law" > "$C/a.txt"; else printf 'кандас – этнический казах и (или) члены его семьи казахской национальности.\n' > "$C/a.txt"; fi
printf 'Compatriots abroad and the diaspora are supported by the state in the manner the law sets.\n' > "$C/b.txt"
expect_exit 2 "064 --compare lang=ru:lang=kk on a folder without manifest" run --compare lang=ru:lang=kk
check "064 ... names the detected values" says "pipeline run: error: --compare lang=kk: no document has lang 'kk' in '$C' (values: en, ru)"
check "064 ... nothing is written" test ! -e "$O"
expect_exit 0 "064 --compare lang=ru:lang=en" run --compare lang=ru:lang=en
check "064 ... keyness.tsv names its groups" sh -c "sed -n 2p '$O/keyness.tsv' | cut -f1,2 | grep -qx 'lang=ru	lang=en'"
