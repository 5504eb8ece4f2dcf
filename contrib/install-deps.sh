#!/bin/sh
# install-deps.sh [--all | --list-build] - installs the Debian packages termtrace needs to build (and, with --all,
# those its tests and CI use), when they are missing. As root it runs apt-get; otherwise it prints the command.
# --list-build prints the build packages and installs nothing (.ci/run removes their -dev packages first).
set -eu
build="build-essential pkg-config libicu-dev libpcre2-dev zlib1g-dev libcunit1-dev libstemmer-dev libxml2-dev \
libpoppler-glib-dev libzip-dev libcmark-dev libyaml-dev libssl-dev"
tests="locales-all cppcheck strace icu-devtools pcre2-utils chromium clang libclang-rt-14-dev valgrind python3-scipy python3-pandas python3-numpy \
r-base-core r-cran-matrix time"
[ "${1:-}" = "--list-build" ] && { echo $build; exit 0; }
pkgs=$build
[ "${1:-}" = "--all" ] && pkgs="$build $tests"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "install-deps: installing:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends $missing >&2
else
  echo "install-deps: missing Debian packages:$missing" >&2
  echo "install-deps: run as root: apt-get install$missing" >&2
  exit 1
fi
