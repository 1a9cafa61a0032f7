#!/usr/bin/env bash
# The release binary; prints its path. On Linux, Swift's runtime and Foundation linked statically, as Swift
# recommends for Linux executables: it starts in about half the time of a dynamically linked one (no dozen
# Swift libraries to load and bind), which is most of a no-op `status`. On macOS the runtime is part of the
# system (SwiftPM refuses to link it statically there). Benchmarks/bench.py and Scripts/install.sh use it.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --product generate-assets)
[ "$(uname -s)" = Linux ] && flags+=(--static-swift-stdlib)
swift build "${flags[@]}" "$@" >&2
echo "$(swift build "${flags[@]}" "$@" --show-bin-path)/generate-assets"
