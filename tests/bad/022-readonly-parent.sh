# 022 an output folder whose parent is read-only: exit 1 naming the folder and the reason; the previous output
# untouched. As root: a read-only bind mount (or chattr +i); otherwise chmod 555 (which root would ignore).
mk; printf 'Статья 1. Соотечественники.\n' > "$C/a.txt"; add a a.txt ru
par=$TMP/ro
rm -rf "$par"; mkdir -p "$par"
expect_exit 0 "022 a previous output" run --out "$par/o"
cp -a "$par/o" "$TMP/prev"
how=
if [ "$(id -u)" != 0 ]; then
  chmod 555 "$par" && how=chmod
elif mount --bind "$par" "$par" 2> /dev/null; then
  if mount -o remount,bind,ro "$par" 2> /dev/null; then how=bind; else umount "$par"; fi
fi
if [ -z "$how" ] && [ "$(id -u)" = 0 ] && chattr +i "$par" 2> /dev/null; then how=chattr; fi
if [ -z "$how" ]; then
  skip "022 cannot make a read-only folder here (root without mount or chattr)"
else
  echo "# read-only by $how"
  expect_exit 1 "022 the parent of the output is read-only ($how)" run --out "$par/o"
  check "022 ... names the folder it could not create and why" \
    grep -Eq "^pipeline: error: '$par/o\.tmp-[0-9]+': cannot create the output folder: (Read-only file system|Permission denied|Operation not permitted)\$" "$TMP/err"
  check "022 ... the previous output is untouched" same_outputs "$TMP/prev" "$par/o"
  case $how in
  chmod) chmod 755 "$par" ;;
  bind) umount "$par" ;;
  chattr) chattr -i "$par" ;;
  esac
fi
rm -rf "$TMP/prev"
