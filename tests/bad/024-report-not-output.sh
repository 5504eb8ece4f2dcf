# 024 `pipeline report` on a folder that is not a run's output (no run.json written by termtrace, or no
# docs.tsv): refused with exit 2, naming the folder and why, and nothing is written into it; a corpus folder
# is refused the same way.
mk
printf 'Diaspora.\n' > "$C/a.txt"; add a a.txt en
expect_exit 2 "024 pipeline report on a corpus folder" "$PIPELINE" report "$C"
check "024 ... names the folder and says why" says "pipeline report: error: '$C': not the output folder of a run (it needs the run.json and docs.tsv that pipeline run writes); the report is only written inside such a folder"
check "024 ... writes nothing into it" test ! -e "$C/report"
printf '{"program": "other", "format_version": 1}\n' > "$C/run.json"; : > "$C/docs.tsv"
expect_exit 2 "024 a run.json of another program" "$PIPELINE" report "$C"
check "024 ... writes nothing into it" test ! -e "$C/report"
rm -f "$C/run.json" "$C/docs.tsv"
expect_exit 2 "024 a folder that does not exist" "$PIPELINE" report "$C/nope"
check "024 ... says what to give" says "pipeline report: error: '$C/nope': not a folder: give the output folder of a run (pipeline run --out)"
