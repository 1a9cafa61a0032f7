#!/usr/bin/env bash
# Installs the Debian packages generate-assets builds against, when any is missing.
set -euo pipefail
# chromium, chromium-driver and python3-venv: the review page's browser test (ReviewPageBrowserTests).
packages=(libsqlite3-dev libssl-dev zlib1g-dev libgit2-dev libvips-dev libcurl4 pkg-config git chromium chromium-driver python3-venv)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
