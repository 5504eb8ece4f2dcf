# 009 a gzip bomb (20 MB of one letter in 19 KB): refused past the ratio limit (default 1000), naming the limit
# and --max-gzip-ratio; allowed when the option raises the limit.
mk
head -c 20000000 /dev/zero | tr '\0' 'a' | gzip -9 -c > "$C/bomb.gz"; add bomb bomb.gz en
printf 'Diaspora.\n' > "$C/ok.txt"; add ok ok.txt en
expect_exit 3 "009 a gzip bomb is refused" run
check "009 ... the message names the limit and the option" sh -c "grep -Eq \"^pipeline: warning: document 'bomb' skipped: '$C/bomb.gz': byte [0-9]+: gzip stream inflates to more than 1000 times its compressed size \\([0-9]+ bytes from [0-9]+: a gzip bomb\\?\\); --max-gzip-ratio raises the limit\\\$\" '$TMP/err'"
check "009 ... it stopped early (at most 64 KiB past 1000 x what it had read)" sh -c "test \$(grep -o 'byte [0-9]*' '$TMP/err' | head -1 | cut -d' ' -f2) -lt 20000000"
expect_exit 0 "009 --max-gzip-ratio 2000 lets it through" run --max-gzip-ratio 2000
check "009 ... all 20 MB read (one 20 MB word, cut into 5 tokens at the 4 MiB piece limit)" test "$(col bomb tokens)" = 5
