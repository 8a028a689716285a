#!/bin/sh
# Installs the Debian packages named on the command line that are missing.
# Does nothing, and runs neither apt nor sudo, when dpkg says every one is
# installed (so `make check` on a ready machine never touches apt); otherwise
# uses sudo when not root and runs apt-get update once.
set -eu
missing=""
for p in "$@"; do
  case "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" in
    *" ok installed") ;;           # "install ok installed", or held
    *) missing="$missing $p" ;;
  esac
done
[ -z "$missing" ] && exit 0
echo "goescape: installing$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "goescape: need root or sudo to install$missing" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
