"""The suite `make test` runs is the whole suite: pytest passes over some
directory names on its own (`build`, `dist`, `venv`, any starting with a
dot: its norecursedirs), which once left every test in a directory then
named tests/build out of `make test` without a word."""

import glob
import os
import subprocess
import sys

from conftest import ROOT


def test_every_test_file_under_tests_is_collected_by_make_tests_command():
    on_disk = {os.path.relpath(path, ROOT)
               for path in glob.glob(os.path.join(ROOT, "tests", "**", "test_*.py"), recursive=True)}
    listing = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                              "--collect-only", "-q", "tests"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    collected = {line.split("::")[0] for line in listing.splitlines() if "::" in line}
    assert on_disk, "no test files found"
    assert on_disk == collected, f"on disk, not collected: {sorted(on_disk - collected)}"
