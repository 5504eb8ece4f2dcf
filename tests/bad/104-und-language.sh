# 104 no manifest, a document in a language the pipeline does not know (German), and one with no letters: lang
# und with a warning saying why; the run still reads them (no lexicon entry applies), exit 0.
rm -rf "$O"; mk; rm -f "$C/manifest.tsv"
printf 'Das Gesetz regelt die Einwanderung und den Aufenthalt von Ausländern in der Bundesrepublik Deutschland.\n' > "$C/de.txt"
printf '12345 67890 2024-01-01\n' > "$C/numbers.txt"
expect_exit 0 "104 a German text and a text of digits" run
check "104 ... German: und, why" says "pipeline: warning: '$C/de.txt': language not detected (und): too few words of any one known language (3 of 14); set lang in a manifest to count it"
check "104 ... digits: und, why" says "pipeline: warning: '$C/numbers.txt': language not detected (und): no letters; set lang in a manifest to count it"
check "104 ... read, not skipped" has_status de ok
check "104 ... lang und in docs.tsv" test "$(col de lang)" = und
