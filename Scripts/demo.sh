#!/usr/bin/env bash
# Runs the whole pipeline offline on the bundled Example, in a throwaway copy (this repository is untouched):
# validate, plan, generate placeholders, a no-op second run, a changed prompt, and a revert restored from the cache.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
"$repo/Scripts/install-system-packages.sh"
swift build --package-path "$repo" --product generate-assets >&2
tool="$(swift build --package-path "$repo" --show-bin-path)/generate-assets"
work="$(mktemp -d)/PictureBook"
cp -R "$repo/Examples/PictureBook" "$work"
git -C "$work" init -q
git -C "$work" config user.name "generate-assets demo"
git -C "$work" config user.email "demo@example.com"
git -C "$work" add -A && git -C "$work" commit -qm "The picture book, before its images"
export GENERATE_ASSETS_PROVIDER=placeholder
step() { printf '\n\033[1m$ generate-assets %s\033[0m\n' "$*"; "$tool" "$@" -C "$work"; }
step validate
step status
step generate
step status --check
# -i.bak: the one spelling GNU and BSD (macOS) sed both read.
sed -i.bak 's/Fen sleeps curled up/Fen naps curled up/' "$work/assets.yml" && rm "$work/assets.yml.bak"
step status
step generate
sed -i.bak 's/Fen naps curled up/Fen sleeps curled up/' "$work/assets.yml" && rm "$work/assets.yml.bak"
step generate
step cache stats
step log page-1
echo
echo "The images are in $work/Images (open them to see the placeholders)."
