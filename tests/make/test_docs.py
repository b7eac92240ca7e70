"""The documents cannot drift from the code: every test docs/multiboot2.md
cites exists, every `make` target the README and the guide name exists,
and every test selection the README shows selects tests."""

import glob
import os
import re
import subprocess

import pytest

from conftest import ROOT

README = os.path.join(ROOT, "README.md")
DOCS = [README, *glob.glob(os.path.join(ROOT, "docs", "*.md"))]


def read(path):
    with open(path) as text:
        return text.read()


def c_tests():
    names = set()
    for path in glob.glob(os.path.join(ROOT, "tests", "unit", "*.c")):
        names.update(re.findall(r"^TEST\((\w+)\)", read(path), re.M))
    return names


def test_every_test_the_multiboot2_notes_cite_exists():
    text = read(os.path.join(ROOT, "docs", "multiboot2.md"))
    missing = []
    for path, name in re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", text):
        if not re.search(rf"^def {name}\(", read(os.path.join(ROOT, path)), re.M):
            missing.append(f"{path}::{name}")
    known = c_tests()
    for path, name in re.findall(r"`(tests/unit/\w+\.c): (\w+)`", text):
        if name not in known:
            missing.append(f"{path}: {name}")
    assert missing == [], f"docs/multiboot2.md cites tests that do not exist: {missing}"


def test_every_make_target_the_documents_name_exists():
    targets = set()
    for path in DOCS:
        targets.update(re.findall(r"`make ([a-z][A-Za-z0-9_-]*)", read(path)))
    assert {"run", "test", "iso", "image", "compare"} <= targets, sorted(targets)
    missing = [target for target in sorted(targets)
               if subprocess.run(["make", "-n", "--no-print-directory", target], cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True).returncode != 0]
    assert missing == [], f"make targets named in the documents but unknown to make: {missing}"


@pytest.mark.parametrize("selection", sorted(set(re.findall(r"T=([\w-]+)", read(README)))))
def test_every_test_selection_the_readme_shows_selects_tests(selection):
    result = subprocess.run(["/usr/bin/python3", "-m", "pytest", "--collect-only", "-q",
                             "-p", "no:cacheprovider", "-k", selection, "tests"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert "::" in result.stdout, f"T={selection} selects no test:\n{result.stdout[-1000:]}"


def test_make_help_lists_the_readmes_targets_table():
    """`make help` and the README's table of targets name the same targets;
    only help's "for the tests" ones and the table's print-VAR differ."""
    shown = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT, check=True,
                           stdout=subprocess.PIPE, text=True).stdout
    helped = dict(re.findall(r"^  make (\S+) +(.*)$", shown, re.M))
    first_cells = re.findall(r"^\| (`make.*?) \|", read(README), re.M)
    tabled = {target for cell in first_cells for target in re.findall(r"`make ([\w-]+)", cell)}
    for_tests = {target for target, text in helped.items() if text.startswith("for the tests")}
    assert set(helped) - for_tests - tabled == set(), "in make help, not in the README's table"
    assert tabled - set(helped) == {"print-KERNEL_CFLAGS"}, "in the README's table, not in help"
