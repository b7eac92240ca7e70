"""Runs the host unit tests (tests/unit/test_*.c), one pytest item per C test.

`make host-tests` builds each C file into a binary under AddressSanitizer
and UBSan; `binary --list` names its tests and `binary NAME` runs one.
"""

import os
import subprocess

import pytest

from conftest import ROOT, make


def _unit_tests():
    """Only the binaries the Makefile builds today: a build directory may
    still hold one whose source was renamed or split."""
    make("host-tests")
    for path in make("-s", "print-HOST_TESTS").split():
        path = os.path.join(ROOT, path)
        binary = os.path.basename(path)
        names = subprocess.run([path, "--list"], check=True, stdout=subprocess.PIPE,
                               text=True).stdout.split()
        for name in names:
            yield pytest.param(path, name, id=f"{binary}:{name}")


def pytest_generate_tests(metafunc):
    if "unit_test" in metafunc.fixturenames:
        tests = list(_unit_tests())
        assert tests, "make host-tests built no unit tests"
        metafunc.parametrize("binary,unit_test", tests)


def test_unit(binary, unit_test):
    result = subprocess.run([binary, unit_test], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, result.stdout
