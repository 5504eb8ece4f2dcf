# 100 no manifest and an empty folder (or only hidden files): refused (exit 2) saying so; nothing is written.
rm -rf "$O"; mk; rm -f "$C/manifest.tsv"
expect_exit 2 "100 an empty folder without manifest" run
check "100 ... says there are no documents" says "pipeline: error: '$C': no documents: the folder has no manifest.tsv and no files (hidden files are skipped); add documents or write a manifest"
check "100 ... nothing is written" test ! -e "$O"
printf 'Соотечественники.\n' > "$C/.draft.txt"; mkdir -p "$C/.git"; printf 'x\n' > "$C/.git/HEAD"
expect_exit 2 "100 a folder with only hidden files" run
expect_exit 2 "100 manifest: the same for the draft" "$PIPELINE" manifest "$C"
check "100 ... names the folder" says "pipeline manifest: error: '$C': no documents: the folder has no manifest.tsv and no files (hidden files are skipped); add documents or write a manifest"
check "100 ... stdout is empty" test ! -s "$TMP/out"
