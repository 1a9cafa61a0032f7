#!/usr/bin/env bash
# The release binary: Swift's runtime and Foundation linked statically, as Swift recommends for Linux
# executables. It starts in about half the time of a dynamically linked one (no dozen Swift libraries to
# load and bind), which is most of a no-op `status`. Benchmarks/bench.py measures this binary.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product generate-assets "$@"
echo "$(swift build -c release --static-swift-stdlib --show-bin-path)/generate-assets"
