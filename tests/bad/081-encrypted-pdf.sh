# 081 an encrypted PDF (standard security handler, a user password) and a damaged one: skipped, saying why and how
# to fix it.
mk
python3 tests/tools/mkpdf.py encrypted "$C/enc.pdf"; add enc enc.pdf ru
printf '%%PDF-1.7\n1 0 obj <<' > "$C/damaged.pdf"; add dam damaged.pdf ru
printf 'Diaspora.\n' > "$C/ok.txt"; add ok ok.txt en
expect_exit 3 "081 an encrypted PDF is skipped" run
check "081 ... the message says it is encrypted and how to open it" says "pipeline: warning: document 'enc' skipped: '$C/enc.pdf': encrypted PDF: it needs a password to open (save a copy without encryption, e.g. qpdf --decrypt)"
check "081 ... a damaged PDF says poppler cannot open it" has_status dam "skipped: PDF that poppler cannot open: PDF document is damaged"
check "081 ... the good document is counted" has_status ok ok
