# 103 no manifest: file names that are not UTF-8 are skipped with a warning naming them (a manifest is UTF-8);
# names that give the same doc_id get ~2; unsafe characters become _; a symbolic link to a folder (a loop) is
# not followed.
rm -rf "$O"; mk; rm -f "$C/manifest.tsv"
mkdir -p "$C/acts"
printf 'Закон о миграции.\n' > "$C/acts/law.txt"
printf '<p>Закон о миграции.</p>\n' > "$C/acts/law.html"
printf 'Закон о миграции населения.\n' > "$C/acts/a b#1.txt"
printf 'Закон о миграции.\n' > "$C/$(printf 'bad\377name.txt')"
ln -s .. "$C/acts/loop"
expect_exit 0 "103 odd file names" run
check "103 ... the non-UTF-8 name is skipped, named" says "pipeline: warning: '$C/$(printf 'bad\377name.txt')': file skipped: its name is not UTF-8 (rename it, or list it in a manifest)"
check "103 ... the folder link is not followed" says "pipeline: warning: '$C/acts/loop': folder skipped: a symbolic link to a folder is not followed"
check "103 ... same stem: law and law~2" test "$(col acts/law path) $(col acts/law~2 path)" = "acts/law.html acts/law.txt"
check "103 ... unsafe characters in doc_id become _" test "$(col acts/a_b_1 path)" = "acts/a b#1.txt"
