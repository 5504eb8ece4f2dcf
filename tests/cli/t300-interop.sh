# t300: the output files load in R (Matrix::readMM + read.delim) and Python (scipy.io.mmread + pandas.read_csv)
# with exactly the loading lines of outputs.md: shapes, symmetric loading, names, values, gzip. The files come
# from test_export's sample export (TT_INTEROP_DIR), so this test needs no corpus and no pipeline. A reader that
# is not installed is counted as skipped (lib.sh skip) (Debian: r-cran-matrix; python3-scipy python3-pandas).
. tests/cli/lib.sh
prog=${TT_BUILD:-build/release}/tests/test_export
if [ ! -x "$prog" ]; then
  notok "$prog is not built (make $prog)"
  finish; exit
fi
mkdir -p "$TMP/io"
TT_INTEROP_DIR="$TMP/io" "$prog" > "$TMP/unit.log" 2>&1
check "sample export written (plain and gzip)" test -s "$TMP/io/plain/tf.mtx" -a -s "$TMP/io/gz/tf.mtx.gz"

PY=
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import scipy.io, pandas' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
  skip "python with scipy and pandas not installed (apt-get install python3-scipy python3-pandas)"
else
  cat > "$TMP/check.py" <<'EOF'
import gzip, json, sys
import scipy.io, pandas
d = sys.argv[1]
def tsv(p):
    return pandas.read_csv(p, sep="\t", quoting=3, keep_default_na=False)
for f in ("plain/tf.mtx", "gz/tf.mtx.gz"):
    m = scipy.io.mmread(f"{d}/{f}").tocsr()
    assert m.shape == (3, 3), (f, m.shape)
    assert m[1, 2] == 4 and m[0, 0] == 2 and m.nnz == 4, f
c = scipy.io.mmread(f"{d}/plain/cooc.sentence.mtx").toarray()
assert (c == c.T).all() and c[0, 1] == 1 and c[1, 0] == 1 and c[0, 0] == 3 and c[2, 2] == 2, c
w = scipy.io.mmread(f"{d}/plain/cooc.wwindow2.mtx").toarray()
assert w[0, 1] == 0.5 and w[1, 0] == 0.5, w
docs = tsv(f"{d}/plain/docs.tsv")
assert list(docs["doc_id"]) == ["d1", "d2", "d3"], docs
assert docs.columns[0] == "doc_id" and docs["title"][1] == "nan", docs["title"]
assert docs["status"][2] == "binary file"
tf = tsv(f"{d}/plain/tf.tsv")
assert tf["per_10k"].dtype.kind == "f" and tf["per_10k"][3] == 800.0, tf
concepts = tsv(f"{d}/plain/concepts.tsv")
assert list(concepts["concept_id"]) == ["A", "B", "C"]
v = scipy.io.mmread(f"{d}/plain/vocab.mtx")
voc = tsv(f"{d}/plain/vocab.tsv")
assert v.shape == (3, len(voc)) == (3, 4), v.shape
ct = tsv(f"{d}/plain/cooc.sentence.tsv")
assert ct["pmi"].dtype.kind == "f" and abs(ct["pmi"][1] - 1.2224) < 1e-9, ct
g = tsv(f"{d}/gz/docs.tsv.gz")
assert g.shape == docs.shape and list(g["doc_id"]) == ["d1", "d2", "d3"]
grp = tsv(f"{d}/gz/groups/country+year.tsv.gz")
assert grp.shape == (9, 6), grp.shape
run = json.load(open(f"{d}/plain/run.json"))
assert run["documents"]["total"] == 3 and run["documents"]["skipped_list"][0]["doc_id"] == "d3", run
assert json.load(gzip.open(f"{d}/gz/run.json.gz"))["documents"]["ok"] == 2
print("python: all checks passed")
EOF
  check "Python ($PY): scipy.io.mmread + pandas.read_csv load shapes, symmetric matrix, names, values, gzip" \
    "$PY" "$TMP/check.py" "$TMP/io"
fi

if command -v Rscript > /dev/null 2>&1 && Rscript -e 'suppressMessages(library(Matrix))' > /dev/null 2>&1; then
  cat > "$TMP/check.R" <<'EOF'
suppressMessages(library(Matrix))
d <- commandArgs(TRUE)[1]
for (f in c("plain/tf.mtx", "gz/tf.mtx.gz")) {
  m <- readMM(file.path(d, f))
  stopifnot(all(dim(m) == c(3, 3)), m[2, 3] == 4, m[1, 1] == 2)
}
cm <- readMM(file.path(d, "plain/cooc.sentence.mtx"))
stopifnot(is(cm, "symmetricMatrix"), cm[1, 2] == 1, cm[2, 1] == 1, cm[1, 1] == 3, cm[3, 3] == 2)
w <- readMM(file.path(d, "plain/cooc.wwindow2.mtx"))
stopifnot(is(w, "symmetricMatrix"), w[1, 2] == 0.5)
docs <- read.delim(file.path(d, "plain/docs.tsv"), quote = "", encoding = "UTF-8")
stopifnot(nrow(docs) == 3, names(docs)[1] == "doc_id", docs$doc_id[2] == "d2", docs$title[2] == "nan",
          docs$status[3] == "binary file")
tf <- read.delim(file.path(d, "plain/tf.tsv"), quote = "", encoding = "UTF-8")
stopifnot(is.numeric(tf$per_10k), tf$per_10k[4] == 800, tf$concept_id[4] == "C")
concepts <- read.delim(file.path(d, "plain/concepts.tsv"), quote = "", encoding = "UTF-8")
stopifnot(nrow(concepts) == ncol(m), concepts$concept_id[3] == "C")
v <- readMM(file.path(d, "plain/vocab.mtx"))
voc <- read.delim(file.path(d, "plain/vocab.tsv"), quote = "", encoding = "UTF-8")
stopifnot(all(dim(v) == c(3, nrow(voc))), nrow(voc) == 4)
g <- read.delim(file.path(d, "gz/docs.tsv.gz"), quote = "", encoding = "UTF-8")
stopifnot(nrow(g) == 3, g$doc_id[3] == "d3")
cat("R: all checks passed\n")
EOF
  check "R: Matrix::readMM + read.delim load shapes, symmetric matrix, names, values, gzip" \
    Rscript "$TMP/check.R" "$TMP/io"
else
  skip "R with the Matrix package not installed (apt-get install r-base-core r-cran-matrix)"
fi
finish
