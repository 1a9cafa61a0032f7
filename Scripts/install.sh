#!/usr/bin/env bash
# Builds the release binary and puts it in PREFIX/bin (default: ~/.local), on Linux and on a Mac:
#   ./Scripts/install.sh [--prefix DIR]
# Linux: Swift's runtime and Foundation linked statically (as Scripts/build-release.sh does), so the binary
# runs without the toolchain and starts fast. macOS: the Swift runtime is part of the system. Either way the
# binary still opens the system's libvips, libcurl and libgit2 (Scripts/install-system-packages.sh).
set -euo pipefail
prefix="$HOME/.local"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (usage: ./Scripts/install.sh [--prefix DIR])" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
built="$(./Scripts/build-release.sh)"
mkdir -p "$prefix/bin"
# A copy beside the destination, then a rename: a running generate-assets is never overwritten in place.
cp "$built" "$prefix/bin/.generate-assets.new"
chmod 755 "$prefix/bin/.generate-assets.new"
mv -f "$prefix/bin/.generate-assets.new" "$prefix/bin/generate-assets"
echo "installed $prefix/bin/generate-assets" >&2
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" >&2 ;;
esac
