#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (tests/test_web_e2e.py), when it is missing.
# Idempotent and quiet: does nothing when /usr/bin/chromium exists, or when we are not root
# (the browser tests then skip themselves). Never downloads a browser build of its own.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "install_browser.sh: /usr/bin/chromium is missing and we are not root; browser tests will skip" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_browser.sh: no apt-get here; browser tests will skip" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq >/dev/null 2>&1 \
  || ! apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1; then
  echo "install_browser.sh: could not install chromium; browser tests will skip" >&2
  exit 0
fi
echo "install_browser.sh: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)" >&2
