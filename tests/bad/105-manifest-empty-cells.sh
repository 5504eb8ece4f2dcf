# 105 a manifest whose lang cell is empty for a file that does not exist: detection cannot read it, lang und
# with a warning; the run then skips it as missing (exit 3) and counts the rest. An unknown lang is still refused.
rm -rf "$O"; mk
printf 'Соотечественники.\n' > "$C/ok.txt"; add ok ok.txt ""
add gone gone.txt ""
expect_exit 3 "105 empty lang, missing file" run
check "105 ... warned" says "pipeline: warning: '$C/gone.txt': language not detected (und): cannot open: No such file or directory"
check "105 ... detected where it could" test "$(col ok lang) $(col ok detected)" = "ru lang"
check "105 ... the missing file is skipped" has_status gone "skipped: cannot open: No such file or directory"
mk; add x ok.txt xx; printf 'Соотечественники.\n' > "$C/ok.txt"
expect_exit 2 "105 an unknown lang is still refused" run
check "105 ... naming und as allowed" says "pipeline: error: '$C/manifest.tsv':2: unknown lang 'xx' (kk, uz, ru, en, or und)"
