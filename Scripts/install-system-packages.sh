#!/usr/bin/env bash
# Installs the system packages generate-assets builds and tests against, when any is missing:
# Debian's (apt) on Linux, Homebrew's on macOS.
set -euo pipefail
if [ "$(uname -s)" = Darwin ]; then
  # libgit2 is linked (found through pkg-config, hence pkgconf); libvips is opened on first use from
  # Homebrew's folder. SQLite, zlib, libcurl and SHA-256 (CommonCrypto) come with macOS.
  command -v brew >/dev/null || { echo "install Homebrew first: https://brew.sh" >&2; exit 1; }
  packages=(pkgconf libgit2 vips)
  missing=()
  for p in "${packages[@]}"; do brew list --versions "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && exit 0
  echo "installing: ${missing[*]}" >&2
  HOMEBREW_NO_AUTO_UPDATE=1 brew install "${missing[@]}" >&2
  exit 0
fi
# chromium, chromium-driver and python3-venv: the review page's browser test (ReviewPageBrowserTests);
# python3-venv also holds actionlint for .ci/run.
packages=(libsqlite3-dev libssl-dev zlib1g-dev libgit2-dev libvips-dev libcurl4 pkg-config git chromium chromium-driver python3-venv)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
