"""result.py - what every test of tests/harness.py and tests/user_tests.py returns."""


class Result:
    """One test's outcome: its name, whether it passed, and why not."""

    def __init__(self, name, ok, why=""):
        self.name, self.ok, self.why = name, ok, why

    def line(self):
        """The PASS/FAIL line the harness prints."""
        return "%s %s%s" % ("PASS" if self.ok else "FAIL", self.name, "" if self.ok else ": " + self.why)
