# 021 an output folder on a full disk: exit 1, "No space left on device" naming the file, the previous output
# untouched, no temporary folder left behind. As root: a 4 MB tmpfs; otherwise (or if mount fails) a file-size
# limit (ulimit -f, SIGXFSZ ignored: "File too large"). The disk is filled to 200 KB before the run.
mk; printf 'Статья 1. Соотечественники.\n' > "$C/a.txt"; add a a.txt ru
big() { "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$1" --quiet --kwic 400 --vocab --ngrams 3; }
mnt=$TMP/full
mkdir -p "$mnt"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m tmpfs "$mnt" 2> /dev/null; then
  expect_exit 0 "021 a previous output on a 4 MB tmpfs" run --out "$mnt/o"
  cp -a "$mnt/o" "$TMP/prev"
  avail=$(df -k --output=avail "$mnt" | tail -1)
  head -c $(( (avail - 200) * 1024 )) /dev/zero > "$mnt/filler" 2> /dev/null
  expect_exit 1 "021 the disk fills up during the run" big "$mnt/o"
  check "021 ... says so, naming a file in the output" grep -Eq "^pipeline: error: '$mnt/o[^']*': .*No space left on device\$" "$TMP/err"
  check "021 ... the previous output is untouched" same_outputs "$TMP/prev" "$mnt/o"
  check "021 ... no temporary folder is left" test "$(ls "$mnt" | tr '\n' ' ')" = "filler o "
  rm -f "$mnt/filler"
  expect_exit 0 "021 with space again the same run succeeds" big "$mnt/o"
  umount "$mnt"
else
  echo "# not root or mount failed: file-size limit instead of a full tmpfs"
  expect_exit 0 "021 a previous output" run --out "$mnt/o"
  cp -a "$mnt/o" "$TMP/prev"
  expect_exit 1 "021 writes fail (ulimit -f 16)" sh -c "trap '' XFSZ; ulimit -f 16; exec \"\$0\" run --corpus corpus --lexicon lexicons/diaspora --out '$mnt/o' --quiet --kwic 400 --vocab --ngrams 3" "$PIPELINE"
  check "021 ... says so, naming a file in the output" grep -Eq "^pipeline: error: '$mnt/o[^']*': .*File too large\$" "$TMP/err"
  check "021 ... the previous output is untouched" same_outputs "$TMP/prev" "$mnt/o"
  check "021 ... no temporary folder is left" test "$(ls "$mnt" | tr '\n' ' ')" = "o "
fi
rm -rf "$TMP/prev"
