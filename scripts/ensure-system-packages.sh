#!/usr/bin/env sh
# Installs the Debian packages Front Door needs when they are missing:
#   pdf   - Pango for WeasyPrint (letters)      [make run, make test]
#   browser - Debian's Chromium for end-to-end tests and screenshots [make test]
# Nothing is installed when everything is already present.
set -eu
need=""
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
for what in "$@"; do
  case "$what" in
    pdf)
      have_lib libpango-1.0.so.0 || need="$need libpango-1.0-0"
      have_lib libpangoft2-1.0.so.0 || need="$need libpangoft2-1.0-0"
      fc-list 2>/dev/null | grep -qi liberation || need="$need fonts-liberation"
      ;;
    browser)
      [ -x /usr/bin/chromium ] || need="$need chromium"
      command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
      ;;
  esac
done
[ -z "$need" ] && exit 0
echo "Installing Debian packages:$need"
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "Please install these Debian packages as root:$need" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $need fontconfig
