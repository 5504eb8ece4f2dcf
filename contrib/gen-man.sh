#!/bin/sh
# gen-man.sh - writes the man page beside each stage's main.c (stages/NN-name/tt-name.1) and
# stages/termtrace.1 from the programs' own --help, so the two never disagree. Run after changing a --help:
#   make && contrib/gen-man.sh
set -eu
b=build/release/bin
date=$(git log -1 --format=%cs 2>/dev/null || date +%F)
page() { # name section-title help-command... > file
  name=$1 what=$2; shift 2
  printf '.TH %s 1 "%s" "termtrace" "termtrace manual"\n.SH NAME\n%s \\- %s\n.SH DESCRIPTION\n.nf\n' \
    "$(echo "$name" | tr a-z A-Z)" "$date" "$name" "$what"
  "$@" | sed 's/\\/\\\\/g; s/^\./\\\&./; s/^'"'"'/\\\&'"'"'/'
  printf '.fi\n.SH SEE ALSO\nstages/README.md (the stream formats), README.md, lexicons/README.md\n'
}
for d in stages/[0-9]*-*/; do
  s=$(basename "$d"); s=${s#*-}
  what=$("$b/termtrace" --help | awk -v s="$s" '$1==s {$1=""; sub(/^ +/, ""); print}')
  page "tt-$s" "$what" "$b/tt-$s" --help > "$d/tt-$s.1"
done
page termtrace "the pipeline driver (./pipeline)" sh -c "'$b/termtrace' --help; for c in run kwic lexicon shard merge diff; do echo; '$b/termtrace' \$c --help; done" > stages/termtrace.1
