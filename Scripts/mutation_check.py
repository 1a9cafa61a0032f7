#!/usr/bin/env python3
"""Mutation check: applies each deliberate break listed in Scripts/mutations.tsv, builds, runs the tests
named to catch it, restores the source, and reports killed / survived / no longer applies.

Each line of mutations.tsv (tab-separated; `#` starts a comment line):
    id  module  file  pattern  replacement  filter
`pattern` must occur exactly once in `file` (an ambiguous pattern is refused, a missing one "no longer
applies"); `\\n`, `\\t` and `\\\\` in pattern and replacement stand for newline, tab and backslash.
`filter` is the `swift test --filter` regex of the tests expected to catch the break.

The source is always restored: after each break, on failure, on Ctrl-C or SIGTERM; a journal in the
scratch folder lets `--restore` (run by Scripts/mutation-check.sh's trap) undo a break left by a killed run.
Builds go to a separate scratch path (default .build-mutation), so the normal .build is untouched.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def unescape(text):
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in "nt\\":
            out.append({"n": "\n", "t": "\t", "\\": "\\"}[text[i + 1]])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


class Break:
    def __init__(self, line_number, fields):
        self.line = line_number
        self.id, self.module, self.file, pattern, replacement, self.filter = fields
        self.pattern = unescape(pattern)
        self.replacement = unescape(replacement)


def read_list(path):
    breaks, errors, seen = [], [], set()
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 6:
                errors.append(f"{path}:{number}: expected 6 tab-separated fields, found {len(fields)}")
                continue
            item = Break(number, fields)
            if item.id in seen:
                errors.append(f"{path}:{number}: id '{item.id}' is listed twice")
            seen.add(item.id)
            if item.pattern == item.replacement:
                errors.append(f"{path}:{number}: '{item.id}': the replacement equals the pattern")
            breaks.append(item)
    return breaks, errors


class Journal:
    """The file under a break and its original bytes, on disk until restored."""

    def __init__(self, scratch):
        self.path = os.path.join(scratch, "mutation-journal.json")

    def write(self, file, original, mutated):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        with open(self.path + ".tmp", "w", encoding="utf-8") as handle:
            json.dump({"file": file, "original": original, "mutated": mutated}, handle)
        os.replace(self.path + ".tmp", self.path)

    def restore(self):
        """Puts back the original of a break still applied; returns a message, or None when there was none."""
        if not os.path.exists(self.path):
            return None
        with open(self.path, encoding="utf-8") as handle:
            entry = json.load(handle)
        with open(entry["file"], encoding="utf-8") as handle:
            current = handle.read()
        if current == entry["mutated"]:
            with open(entry["file"], "w", encoding="utf-8") as handle:
                handle.write(entry["original"])
            message = f"restored {os.path.relpath(entry['file'], ROOT)}"
        elif current == entry["original"]:
            message = None
        else:
            message = (f"warning: {os.path.relpath(entry['file'], ROOT)} changed during the break; left as it is "
                       "(check it with git diff)")
        os.remove(self.path)
        return message


def run(command, log, timeout):
    """Runs `command` in ROOT with output to `log`; returns (exit status or 'timeout', seconds)."""
    start = time.monotonic()
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            status = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop(process)
            status = "timeout"
        except BaseException:
            stop(process)
            raise
    return status, time.monotonic() - start


def stop(process):
    """Ends a `swift build` or `swift test`: SIGINT first, which SwiftPM passes on to the compilers and test
    processes it started (they run in process groups of their own), then SIGKILL to its group."""
    try:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass
    except ProcessLookupError:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def tests_run(log):
    """How many tests the log says ran (Swift Testing and XCTest), or None when it says nothing."""
    with open(log, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    counts = [int(n) for n in re.findall(r"Test run with (\d+) tests?", text)]
    counts += [int(n) for n in re.findall(r"Executed (\d+) tests?", text)]
    return sum(counts) if counts else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", default=os.path.join(ROOT, "Scripts", "mutations.tsv"))
    parser.add_argument("--only", help="comma-separated ids, or a regex matched against ids and modules")
    parser.add_argument("--scratch", default=os.path.join(ROOT, ".build-mutation"))
    parser.add_argument("--check", action="store_true", help="only check that every pattern applies once")
    parser.add_argument("--baseline", action="store_true",
                        help="first run every selected filter on the unbroken source (each must pass)")
    parser.add_argument("--build-timeout", type=int, default=1800)
    parser.add_argument("--test-timeout", type=int, default=900)
    parser.add_argument("--markdown", help="also write the results as a Markdown table to this file")
    parser.add_argument("--restore", action="store_true", help="only undo a break a killed run left behind")
    args = parser.parse_args()

    journal = Journal(args.scratch)
    leftover = journal.restore()
    if leftover:
        print(leftover)
    if args.restore:
        return 0

    breaks, errors = read_list(args.list)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 2
    if args.only:
        ids = set(args.only.split(","))
        breaks = [b for b in breaks if b.id in ids or re.fullmatch(args.only, b.id) or re.fullmatch(args.only, b.module)]
    if not breaks:
        print("no break selected", file=sys.stderr)
        return 2

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    os.makedirs(os.path.join(args.scratch, "mutation-logs"), exist_ok=True)
    logs = os.path.join(args.scratch, "mutation-logs")
    build = ["swift", "build", "--build-tests", "--scratch-path", args.scratch]
    results = []

    def applies(item):
        path = os.path.join(ROOT, item.file)
        if not os.path.exists(path):
            return None, "no longer applies (file gone)"
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        count = source.count(item.pattern)
        if count == 0:
            return None, "no longer applies"
        if count > 1:
            return None, f"ambiguous: pattern found {count} times (refused)"
        return source, None

    if args.check:
        bad = 0
        for item in breaks:
            _, problem = applies(item)
            print(f"{item.id:32} {problem or 'applies'}")
            bad += problem is not None
        print(f"{len(breaks) - bad} of {len(breaks)} apply")
        return 1 if bad else 0

    print(f"building the unbroken source into {os.path.relpath(args.scratch, ROOT)} ...", flush=True)
    status, seconds = run(build, os.path.join(logs, "baseline-build.log"), args.build_timeout)
    if status != 0:
        print(f"the unbroken source does not build ({status}); see {logs}/baseline-build.log", file=sys.stderr)
        return 2
    print(f"  built in {seconds:.0f} s", flush=True)
    if args.baseline:
        combined = "|".join(f"(?:{b.filter})" for b in breaks)
        log = os.path.join(logs, "baseline-tests.log")
        status, seconds = run(["swift", "test", "--skip-build", "--scratch-path", args.scratch, "--filter", combined],
                              log, args.test_timeout * 4)
        if status != 0:
            print(f"the named tests fail on the unbroken source ({status}); see {log}", file=sys.stderr)
            return 2
        print(f"  baseline: {tests_run(log)} tests pass in {seconds:.0f} s", flush=True)

    try:
        for number, item in enumerate(breaks, 1):
            prefix = f"[{number}/{len(breaks)}] {item.id:32}"
            source, problem = applies(item)
            if problem:
                outcome, detail = ("ambiguous" if problem.startswith("ambiguous") else "gone"), problem
                print(f"{prefix} {problem}", flush=True)
                results.append((item, outcome, detail, 0))
                continue
            path = os.path.join(ROOT, item.file)
            mutated = source.replace(item.pattern, item.replacement, 1)
            journal.write(path, source, mutated)
            start = time.monotonic()
            try:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(mutated)
                build_log = os.path.join(logs, f"{item.id}.build.log")
                status, _ = run(build, build_log, args.build_timeout)
                if status != 0:
                    outcome, detail = "build failed", f"the break does not compile ({status}); see {build_log}"
                else:
                    test_log = os.path.join(logs, f"{item.id}.test.log")
                    status, _ = run(["swift", "test", "--skip-build", "--scratch-path", args.scratch,
                                     "--filter", item.filter], test_log, args.test_timeout)
                    count = tests_run(test_log)
                    if status == "timeout":
                        outcome, detail = "killed", f"tests timed out after {args.test_timeout} s"
                    elif status != 0 and count is None:
                        outcome, detail = "killed", f"the test process stopped without a summary (exit {status}: a crash)"
                    elif status != 0:
                        outcome, detail = "killed", f"{count} tests ran, some failed"
                    elif not count:
                        outcome, detail = "no tests", f"the filter matched no test; see {test_log}"
                    else:
                        outcome, detail = "survived", f"all {count} tests passed"
            finally:
                message = journal.restore()
                if message and message.startswith("warning"):
                    print(message, flush=True)
            seconds = time.monotonic() - start
            print(f"{prefix} {outcome.upper():12} {detail} ({seconds:.0f} s)", flush=True)
            results.append((item, outcome, detail, seconds))
    except KeyboardInterrupt:
        message = journal.restore()
        print(f"\ninterrupted; {message or 'the source is as it was'}", file=sys.stderr)
        return 130

    tally = {}
    for _, outcome, _, _ in results:
        tally[outcome] = tally.get(outcome, 0) + 1
    judged = tally.get("killed", 0) + tally.get("survived", 0)
    score = 100.0 * tally.get("killed", 0) / judged if judged else 0.0
    print("\n" + ", ".join(f"{k}: {v}" for k, v in sorted(tally.items())))
    print(f"mutation score: {tally.get('killed', 0)} killed of {judged} applied = {score:.1f} %")
    survivors = [item.id for item, outcome, _, _ in results if outcome == "survived"]
    if survivors:
        print("survived: " + ", ".join(survivors))
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write("| id | module | file | outcome | detail |\n|---|---|---|---|---|\n")
            for item, outcome, detail, _ in results:
                out.write(f"| {item.id} | {item.module} | `{item.file}` | {outcome} | {detail} |\n")
            out.write(f"\n{tally.get('killed', 0)} killed of {judged} applied ({score:.1f} %)\n")
    broken = tally.get("build failed", 0) + tally.get("no tests", 0) + tally.get("ambiguous", 0)
    return 1 if survivors or broken else 0


if __name__ == "__main__":
    sys.exit(main())
