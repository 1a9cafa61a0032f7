#!/usr/bin/env bash
# Fuzzes the manifest loader with libFuzzer for N seconds (default 60), seeded with the bad-manifest
# corpus and the examples, and prints how many inputs it ran. A crash leaves a crash-* file here.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
scratch="$repo/.build-fuzz"
swift build --package-path "$repo" --scratch-path "$scratch" -c release --product manifest-fuzzer \
  -Xswiftc -DFUZZING -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
  -Xcc -fsanitize=address,fuzzer-no-link \
  -Xlinker "$(ls "$(dirname "$(dirname "$(python3 -c 'import os, sys; print(os.path.realpath(sys.argv[1]))' "$(command -v swiftc)")")")"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a)" -Xlinker -lstdc++ >&2
corpus="$(mktemp -d)"
cp "$repo"/Tests/Corpus/BadManifests/*.yml "$corpus"/
cp "$repo"/assets.yml "$corpus"/root-assets.yml
for example in "$repo"/Examples/*/; do cp "$example/assets.yml" "$corpus/example-$(basename "$example").yml"; done
"$scratch/release/manifest-fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$corpus" 2>&1 \
  | tee "$corpus/log" | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY)" || true
grep -q "stat::number_of_executed_units" "$corpus/log"
