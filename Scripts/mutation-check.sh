#!/usr/bin/env bash
# Mutation check: applies each break in Scripts/mutations.tsv, builds into .build-mutation, runs the tests
# named to catch it, restores the source. See Scripts/mutation_check.py --help and Docs/Reliability.md.
#   Scripts/mutation-check.sh                 every break
#   Scripts/mutation-check.sh --only ID,ID    some breaks (or a regex of ids or modules: --only 'batch|cache')
#   Scripts/mutation-check.sh --check         only check that each pattern still applies exactly once
set -uo pipefail
cd "$(dirname "$0")/.."
scratch=.build-mutation
prev_arg=""
for arg in "$@"; do case "$prev_arg" in --scratch) scratch=$arg ;; esac; prev_arg=$arg; done
# Whatever happens (failure, Ctrl-C, SIGTERM), a break still applied is undone.
trap 'python3 Scripts/mutation_check.py --scratch "$scratch" --restore' EXIT
python3 Scripts/mutation_check.py "$@"
