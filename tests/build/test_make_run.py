"""The make targets that boot, run as a script runs them (no display, no
terminal): COM1 on stdout, terminal control sequences removed, and an
exit status that tells a clean halt (0) from a failure (not 0), so that
they can serve in CI."""

import os
import subprocess

import pytest

from conftest import ROOT

HALTED = "[longboot halted; QEMU stopped]"


def make_in_a_script(*arguments):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(["make", "--no-print-directory", *arguments], cwd=ROOT, env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=300)


@pytest.mark.parametrize("target,loader", [
    ("run", "Loader:    GRUB 2."),
    ("run-uefi", "Loader:    GRUB 2."),
    ("run-loader", "Loader:    longboot BIOS loader"),
    ("run-loader-uefi", "Loader:    longboot UEFI loader"),
    ("run-disk", "Loader:    GRUB 2."),
    ("run-disk-uefi", "Loader:    GRUB 2."),
])
def test_make_run_target_prints_the_boot_and_exits_0_at_a_clean_halt(target, loader):
    result = make_in_a_script(target)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Hello World!\n" in result.stdout and loader in result.stdout, result.stdout[-3000:]
    assert result.stdout.rstrip().endswith(HALTED), result.stdout[-3000:]
    assert "\x1b" not in result.stdout, "a terminal control sequence reached the output"


@pytest.mark.parametrize("target", ["run", "run-loader"])
def test_make_run_with_cmdline_passes_it_and_a_panic_exits_non_zero(target):
    result = make_in_a_script(target, "CMDLINE=quiet fault=ud")
    assert result.returncode != 0, result.stdout[-3000:]
    assert "longboot: #UD invalid opcode (vector 6)" in result.stdout, result.stdout[-3000:]
    assert "Loader:" not in result.stdout, "quiet should have skipped the report"
