#!/usr/bin/env bash
# Debian's Chromium, its driver, a CJK font and pdftotext: what the tests and image export need;
# redis-server: the tests of the shared view cache start their own (never a system one).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)  # the PDF export tests read text
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)  # shared view cache tests
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then missing+=(fonts-wqy-microhei); fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
  exit 0
fi
echo "Missing system packages: ${missing[*]}" >&2
echo "Install them with: sudo apt-get install ${missing[*]}" >&2
exit 1
