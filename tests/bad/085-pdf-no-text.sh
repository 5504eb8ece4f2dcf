# 085 a PDF without a text layer (pages that only draw, as a scan without OCR): skipped, saying so and what to do.
mk
python3 tests/tools/mkpdf.py notext 3 "$C/scan.pdf"; add scan scan.pdf kk
printf 'Diaspora.\n' > "$C/ok.txt"; add ok ok.txt en
expect_exit 3 "085 a PDF without text is skipped" run
check "085 ... the reason and the fix" says "pipeline: warning: document 'scan' skipped: '$C/scan.pdf': PDF without a text layer: none of its 3 pages has any text (a scan? run OCR first, e.g. ocrmypdf, then read the OCRed PDF)"
check "085 ... the good document is counted" has_status ok ok
