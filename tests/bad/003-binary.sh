# 003 binary files (PNG, ELF, also gzipped): "not a text file: <kind>" at byte 0, never decoded as text. A PDF
# goes to the PDF reader (by its bytes, whatever the name, also gzipped): a damaged one is skipped saying so.
mk
printf 'Статья 1. Соотечественники.\n' > "$C/ok.txt"; add ok ok.txt ru
printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\10\2\0\0\0' > "$C/img.txt"; add png img.txt ru
printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n<< /Type /Catalog >>\nendobj\n' > "$C/doc.txt"; add pdf doc.txt ru
head -c 4096 "$(command -v sh)" > "$C/prog.txt"; add elf prog.txt ru
printf '%%PDF-1.7\n' | gzip -c > "$C/pdf.gz"; add pdfgz pdf.gz ru
expect_exit 3 "003 binary files are skipped" run
check "003 ... PNG" has_status png "skipped: byte 0: not a text file: PNG image"
check "003 ... a damaged PDF named .txt" has_status pdf "skipped: PDF that poppler cannot open: PDF document is damaged"
check "003 ... ELF" has_status elf "skipped: byte 0: not a text file: ELF executable"
check "003 ... a gzipped PDF (looked at after inflating)" has_status pdfgz "skipped: PDF that poppler cannot open: PDF document is damaged"
check "003 ... stderr line for the PNG" says "pipeline: warning: document 'png' skipped: '$C/img.txt': byte 0: not a text file: PNG image"
check "003 ... only the good document has counts" sh -c "test \"\$(cut -f1 '$O/tf.tsv' | sort -u | tr '\n' ' ')\" = 'doc_id ok '"
