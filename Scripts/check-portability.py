#!/usr/bin/env python3
"""A guard against code that builds on Linux but not on a Mac (the macOS CI job is the proof).

    Scripts/check-portability.py              check the repository; exit 1 with file:line: reason per finding
    Scripts/check-portability.py --self-test  show that every rule fires on a bad sample and not on a good one
    Scripts/check-portability.py --count [REV]  lines of Swift and C under platform conditionals (at REV)

Rules (Swift outside `#if os(Linux)`/`canImport(Glibc)`, C outside `#ifdef __linux__`):
  glibc      names only Glibc has (Glibc itself, MSG_NOSIGNAL, st_mtim, epoll…), and bare `fsync` (use durableFlush)
  rawvalue   `.rawValue` on a socket constant (Glibc imports them as enums, Darwin as Int32: use Sockets)
  newer-api  APIs newer than the declared macOS minimum (Scripts/portability/newer-apis.txt)
  proc       reading /proc (Swift, scripts, Python) outside a Linux branch
  gnu-flag   GNU-only tool flags in shell and Python scripts (`sed -i` without a suffix, `readlink -f`…)
A line that must stay as it is says why with `portability: allow` in a comment.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SWIFT_DIRS = ["Sources", "Tests", "Plugins", "Harnesses", "Fuzz"]
SCRIPT_GLOBS = ["Scripts/*.sh", "Scripts/*.py", "Benchmarks/*.py", ".ci/run", "Examples/**/*.sh"]
ALLOW = "portability: allow"

GLIBC_NAMES = re.compile(
    r"\bGlibc\b|\bMSG_NOSIGNAL\b|\bst_[amc]tim\b|\bepoll_\w+|\binotify_\w+|\bO_TMPFILE\b|\bmemfd_create\b"
    r"|\bsendfile\b|\bfdatasync\b|\bpipe2\b|\baccept4\b|\bget_nprocs\b|\bsched_getaffinity\b|\bSOCK_CLOEXEC\b"
    r"|(?<![\w.])fsync\s*\("
)
SOCKET_RAW = re.compile(r"\b(?:SOCK|AF|PF|IPPROTO|SHUT|MSG|SOL|SO|IP|TCP)_[A-Z0-9_]+\s*\.rawValue\b")
PROC = re.compile(r"[\"']/proc/")
GNU_FLAGS = [
    (re.compile(r"\bsed\b[^|;&\n]*?\s-[a-zA-Z]*i(?=\s|$)(?!\s*\.\w)"), "`sed -i` without a suffix (BSD sed takes the next word as the suffix): use `sed -i.bak … && rm ….bak`, or write a new file"),
    (re.compile(r"\bsed\s+-i\s*''"), "`sed -i ''` is BSD-only: use `sed -i.bak`"),
    (re.compile(r"\breadlink\s+-[a-zA-Z]*f"), "`readlink -f` is GNU-only (macOS 12 lacks it): use `cd … && pwd -P` or python"),
    (re.compile(r"\bgrep\s+(?:-\w+\s+)*-[a-zA-Z]*P"), "`grep -P` is GNU-only: use `grep -E`"),
    (re.compile(r"\bdate\s+(?:[^|;&\n]*\s)?-d\s"), "`date -d` is GNU-only: compute dates in python"),
    (re.compile(r"\bstat\s+(?:-\w+\s+)*-c\b"), "`stat -c` is GNU-only (BSD: `stat -f`): use python or `wc -c`"),
    (re.compile(r"\bxargs\s+(?:-\w+\s+)*-[a-zA-Z]*r\b"), "`xargs -r` is GNU-only"),
    (re.compile(r"\bfind\b[^|;&\n]*-printf\b"), "`find -printf` is GNU-only"),
    (re.compile(r"\bbase64\s+(?:-\w+\s+)*-w\b"), "`base64 -w` is GNU-only"),
    (re.compile(r"(?<![\w/.-])nproc\b"), "`nproc` is GNU coreutils: use `getconf _NPROCESSORS_ONLN`"),
    (re.compile(r"(?<![\w/.-])timeout\s+\d"), "`timeout` is GNU coreutils, not on macOS"),
    (re.compile(r"(?<![\w/.-])sha256sum\b"), "`sha256sum` is GNU coreutils: use `shasum -a 256`"),
    (re.compile(r"\bcp\s+(?:-\w+\s+)*--"), "GNU long options of `cp` are not on macOS"),
]
PLATFORM_CONDITION = re.compile(r"\bos\(|canImport\(|\barch\(|targetEnvironment\(|__linux__|__APPLE__|_WIN32")


def declared_macos_minimum(package: str) -> int:
    match = re.search(r"\.macOS\(\.v(\d+)", package)
    return int(match.group(1)) if match else 10


def newer_apis(minimum: int, listing: str):
    rules = []
    for line in listing.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        version, pattern = line.split("\t", 1)
        if int(version) > minimum:
            rules.append((int(version), re.compile(pattern)))
    return rules


def linux_only_lines(lines, language):
    """For each line, whether it sits only in Linux code (a Linux branch of a platform conditional)."""
    stack = []  # per open #if: is the current branch Linux-only?
    result = []
    for line in lines:
        text = line.strip()
        if language == "swift":
            opening, elseif, other, closing = "#if ", "#elseif ", "#else", "#endif"
        else:
            opening, elseif, other, closing = "#if", "#elif ", "#else", "#endif"
        if text.startswith(opening) or (language == "c" and text.startswith("#ifdef")):
            stack.append(is_linux_condition(text))
        elif text.startswith(elseif) and stack:
            stack[-1] = is_linux_condition(text)
        elif text.startswith(other) and not text.startswith("#elif") and stack:
            stack[-1] = is_not_linux_negated(lines, stack, text)
        elif text.startswith(closing) and stack:
            stack.pop()
        result.append(any(stack))
    return result


def is_linux_condition(text):
    text = text.replace(" ", "")
    return bool(re.search(r"#(?:else)?if(?:def)?(?:os\(Linux\)|canImport\(Glibc\)|__linux__|defined\(__linux__\))", text))


def is_not_linux_negated(lines, stack, text):
    # The #else of `#if !os(Linux)` would be Linux-only; the project writes `#if os(Linux)` first instead.
    return False


def strip_comment(line, language):
    if ALLOW in line:
        return ""
    marker = "//" if language in ("swift", "c") else "#"
    # Keep it simple: a comment marker outside quotes ends the code.
    quoted, out = None, []
    for i, ch in enumerate(line):
        if quoted:
            if ch == quoted and line[i - 1] != "\\":
                quoted = None
        elif ch in "\"'" and language != "swift" or ch == '"':
            quoted = ch
        elif line.startswith(marker, i):
            break
        out.append(ch)
    return "".join(out)


def check_source(path, text, language, api_rules):
    findings = []
    lines = text.splitlines()
    guarded = linux_only_lines(lines, language)
    in_doc = False
    for number, (line, linux) in enumerate(zip(lines, guarded), start=1):
        if language in ("swift", "c"):
            if "/*" in line and "*/" not in line:
                in_doc = True
            if in_doc:
                in_doc = "*/" not in line
                continue
        code = strip_comment(line, language)
        if linux or not code.strip() or code.lstrip().startswith("#"):
            continue
        where = f"{path}:{number}"
        if language == "swift":
            if GLIBC_NAMES.search(code):
                findings.append(f"{where}: glibc: `{GLIBC_NAMES.search(code).group(0)}` exists only in Glibc (or, for fsync, does not reach the drive on macOS: use durableFlush)")
            if SOCKET_RAW.search(code):
                findings.append(f"{where}: rawvalue: socket constants are plain Int32 on Darwin: use Sockets.stream and friends")
            for version, pattern in api_rules:
                if pattern.search(code):
                    findings.append(f"{where}: newer-api: `{pattern.search(code).group(0)}` needs macOS {version}, above the declared minimum")
        if PROC.search(code):
            findings.append(f"{where}: proc: /proc exists only on Linux: read it in a Linux branch, with a Darwin one beside it")
        if language == "script":
            for pattern, reason in GNU_FLAGS:
                if pattern.search(code):
                    findings.append(f"{where}: gnu-flag: {reason}")
    return findings


def language_of(path):
    if path.endswith(".swift"):
        return "swift"
    if path.endswith((".c", ".h")):
        return "c"
    return "script"


def repository_files():
    files = []
    for folder in SWIFT_DIRS:
        files += [p for p in (ROOT / folder).rglob("*") if p.suffix in (".swift", ".c", ".h") and ".build" not in p.parts]
    for pattern in SCRIPT_GLOBS:
        files += [p for p in ROOT.glob(pattern) if p.is_file()]
    return sorted(set(files))


def check_repository():
    package = (ROOT / "Package.swift").read_text()
    minimum = declared_macos_minimum(package)
    api_rules = newer_apis(minimum, (ROOT / "Scripts/portability/newer-apis.txt").read_text())
    findings = []
    for path in repository_files():
        relative = str(path.relative_to(ROOT))
        if relative == "Scripts/check-portability.py":
            continue  # its own patterns and samples
        findings += check_source(relative, path.read_text(errors="replace"), language_of(relative), api_rules)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} portability finding(s); see Scripts/check-portability.py for the rules", file=sys.stderr)
        return 1
    print(f"portability: {len(repository_files())} files clean (declared macOS minimum: {minimum})")
    return 0


# Each rule: a sample that must be reported, and its fixed or guarded form that must not.
SELF_TEST = [
    ("glibc", "swift", "Glibc.close(fd)\n", "#if os(Linux)\n    Glibc.close(fd)\n#endif\n"),
    ("glibc", "swift", "send(fd, p, n, Int32(MSG_NOSIGNAL))\n", "send(fd, p, n, Sockets.sendFlags)\n"),
    ("glibc", "swift", "let t = info.st_mtim\n", "#if os(Linux)\n    let t = info.st_mtim\n#else\n    let t = info.st_mtimespec\n#endif\n"),
    ("glibc", "swift", "guard fsync(fd) == 0 else { throw e }\n", "guard durableFlush(fd) == 0 else { throw e }\n"),
    ("rawvalue", "swift", "socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)\n", "socket(AF_INET, Sockets.stream, 0)\n"),
    ("newer-api", "swift", "String(validating: bytes, as: UTF8.self)\n", "String(validUTF8: bytes)\n"),
    ("newer-api", "swift", "import Synchronization\nlet m = Mutex(0)\n", "let m = LockedValue(0)\n"),
    ("newer-api", "swift", "var a: InlineArray<4, Int>\n", "var a: [Int]\n"),
    ("proc", "script", "open('/proc/cpuinfo')\n", "open('/proc/cpuinfo')  # portability: allow (Linux branch)\n"),
    ("proc", "swift", "let s = try String(contentsOfFile: \"/proc/self/status\")\n", "#if os(Linux)\n    let s = try String(contentsOfFile: \"/proc/self/status\")\n#endif\n"),
    ("gnu-flag", "script", "sed -i 's/a/b/' file\n", "sed -i.bak 's/a/b/' file && rm file.bak\n"),
    ("gnu-flag", "script", "sed -e 's/a/b/' -i file\n", "sed -e 's/a/b/' file > out\n"),
    ("gnu-flag", "script", "here=$(readlink -f \"$0\")\n", "here=$(cd \"$(dirname \"$0\")\" && pwd -P)\n"),
    ("gnu-flag", "script", "grep -oP '\\d+' f\n", "grep -oE '[0-9]+' f\n"),
    ("gnu-flag", "script", "jobs=$(nproc)\n", "jobs=$(getconf _NPROCESSORS_ONLN)\n"),
    ("gnu-flag", "script", "stat -c %s file\n", "wc -c < file\n"),
]


def self_test():
    api_rules = newer_apis(13, (ROOT / "Scripts/portability/newer-apis.txt").read_text())
    failures = 0
    for rule, language, bad, good in SELF_TEST:
        caught = [f for f in check_source("sample", bad, language, api_rules) if f": {rule}:" in f]
        passed = check_source("sample", good, language, api_rules)
        if not caught:
            print(f"self-test: rule {rule} missed: {bad!r}")
            failures += 1
        if passed:
            print(f"self-test: rule {rule} reported the good form {good!r}: {passed}")
            failures += 1
    # The declared minimum decides: macOS 15 allows String(validating:as:), macOS 13 does not.
    if newer_apis(15, "15\tString\\(validating:\n") or not newer_apis(13, "15\tString\\(validating:\n"):
        print("self-test: the declared minimum is not what decides")
        failures += 1
    print(f"self-test: {len(SELF_TEST)} samples, {failures} failure(s)")
    return 1 if failures else 0


def count(revision=None):
    """Lines inside platform conditionals (directives included), Swift and C, as of `revision` or the tree."""
    if revision:
        names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", revision],
                               capture_output=True, text=True, check=True).stdout.split()
        read = lambda name: subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:{name}"],
                                           capture_output=True, text=True, check=True).stdout
    else:
        names = [str(p.relative_to(ROOT)) for p in repository_files()]
        read = lambda name: (ROOT / name).read_text()
    total, files = 0, 0
    for name in names:
        if not name.endswith((".swift", ".c", ".h")) or name.split("/")[0] not in SWIFT_DIRS:
            continue
        depth, lines = [], 0
        for line in read(name).splitlines():
            text = line.strip()
            if text.startswith(("#if", "#ifdef", "#ifndef")):
                depth.append(bool(PLATFORM_CONDITION.search(text)))
            if any(depth):
                lines += 1
            if text.startswith("#endif") and depth:
                depth.pop()
        if lines:
            files += 1
            total += lines
    print(f"{total} lines under platform conditionals in {files} files ({revision or 'working tree'})")
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--self-test"]:
        sys.exit(self_test())
    if arguments[:1] == ["--count"]:
        sys.exit(count(arguments[1] if len(arguments) > 1 else None))
    sys.exit(check_repository())
