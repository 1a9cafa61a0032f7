#!/usr/bin/env bash
# Makes .build/browser-env: a Python venv with Selenium from PyPI, for the review page's browser test
# (EndToEndTests/ReviewPageBrowserTests, which runs this itself when the venv is missing). Prints the
# venv's python. The browser is Debian's chromium and chromium-driver (Scripts/install-system-packages.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/browser-env
if ! "$venv/bin/python" -c "import selenium" >/dev/null 2>&1; then
  mkdir -p .build
  python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "selenium>=4.20,<5" >&2
fi
echo "$PWD/$venv/bin/python"
