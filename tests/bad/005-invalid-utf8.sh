# 005 invalid UTF-8: overlong, surrogate, truncated sequence at EOF. Declared UTF-8 (or text that is mostly valid
# UTF-8): an error naming the byte offset and the bytes; --replace-invalid counts U+FFFD instead. Undeclared
# text with no valid multi-byte sequence is not UTF-8 at all: it is detected as a legacy encoding (run.json).
mk
long=$(printf 'Соотечественники за рубежом и диаспора. %.0s' 1 2 3)
printf 'abc \300\257 def\n' > "$C/ov.txt"; add overlong ov.txt en UTF-8
printf 'abc \355\240\200 def\n' > "$C/su.txt"; add surrogate su.txt en UTF-8
printf '%s \320' "$long" > "$C/tr.txt"; add truncated tr.txt ru
printf '%s \300\257 %s\n' "$long" "$long" > "$C/ov2.txt"; add overlong2 ov2.txt ru
printf 'abc \300\257 def\n' > "$C/leg.txt"; add legacy leg.txt en
expect_exit 3 "005 invalid UTF-8 is skipped with its offset" run
check "005 ... overlong" has_status overlong "skipped: byte 4: invalid UTF-8: overlong UTF-8 sequence (0xC0)"
check "005 ... surrogate" has_status surrogate "skipped: byte 4: invalid UTF-8: UTF-8 encoded surrogate (0xED)"
check "005 ... truncated at EOF" has_status truncated "skipped: byte 223: truncated UTF-8 sequence at end of file (0xD0)"
check "005 ... overlong inside mostly valid undeclared UTF-8" has_status overlong2 "skipped: byte 223: invalid UTF-8: overlong UTF-8 sequence (0xC0)"
check "005 ... stderr names the file" says "pipeline: warning: document 'surrogate' skipped: '$C/su.txt': byte 4: invalid UTF-8: UTF-8 encoded surrogate (0xED)"
check "005 ... undeclared, no valid multi-byte sequence: decoded as a detected legacy encoding" has_status legacy ok
check "005 ... run.json says which and how" grep -q '"doc_id": "legacy", "encoding": "RK1048", "encoding_method": "score"' "$O/run.json"
expect_exit 0 "005 --replace-invalid: replaced and counted instead" run --replace-invalid
check "005 ... overlong is now ok" has_status overlong ok
check "005 ... truncated at EOF and the others are ok too" test "$(status truncated) $(status surrogate) $(status overlong2)" = "ok ok ok"
check "005 ... replacements counted in run.json (2 + 3 + 1 + 2)" grep -q '"replaced": 8' "$O/run.json"
