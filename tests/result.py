"""result.py - what every test of tests/harness.py and tests/user_tests.py returns."""


class Result:
    """One test's outcome: its name, whether it passed, and why not (or, for
    a pass, a note on what it could not check)."""

    def __init__(self, name, ok, why=""):
        self.name, self.ok, self.why = name, ok, why

    def line(self):
        """The PASS/FAIL line the harness prints."""
        if self.ok:
            return "PASS %s%s" % (self.name, " (%s)" % self.why if self.why else "")
        return "FAIL %s: %s" % (self.name, self.why)
