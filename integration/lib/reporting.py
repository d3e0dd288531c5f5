"""What the suites print: one `ok - ...` / `not ok - ...` line per check, `#` log lines, and
paths escaped to one printable line."""


class Reporter:
    """Prints one `ok - ...` / `not ok - ...` line per check and keeps the totals."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, passed, details=()):
        """Records one check; `details` are printed under a failure, `#`-prefixed."""
        if passed:
            self.passed += 1
            print(f"ok - {name}", flush=True)
        else:
            self.failed += 1
            print(f"not ok - {name}", flush=True)
            for line in details:
                for part in str(line).splitlines() or [""]:
                    print(f"#   {part}", flush=True)
        return passed

    def equal(self, name, actual, expected):
        """Checks `actual == expected`, showing both on failure."""
        return self.check(
            name, actual == expected, [f"expected: {expected!r}", f"actual:   {actual!r}"]
        )

    def summary(self):
        print(f"{self.passed} passed, {self.failed} failed", flush=True)


def escape(path, limit=160):
    """A path printable on one line (control characters and undecodable bytes escaped), long ones
    shortened in the middle."""
    parts = []
    for char in path:
        code = ord(char)
        if code < 0x20 or code == 0x7F:
            parts.append(repr(char)[1:-1])
        elif 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, kept by surrogateescape
            parts.append(f"\\x{code - 0xDC00:02x}")
        else:
            parts.append(char)
    text = "".join(parts)
    if len(text) > limit:
        text = f"{text[: limit // 2]}...({len(text)} chars)...{text[-limit // 2 :]}"
    return text


def run_guarded(reporter, runner):
    """Runs `runner.run()`; an exception in a harness step fails that run (`runner.label`), not the
    suite."""
    try:
        runner.run()
    except Exception as e:
        reporter.check(f"{runner.label}: harness completes", False, [f"{type(e).__name__}: {e}"])


def line_matching(text, regex):
    """The first line of `text` that `regex` searches successfully, or None."""
    for line in text.splitlines():
        if regex.search(line):
            return line
    return None


def log(message):
    print(f"# {message}", flush=True)
