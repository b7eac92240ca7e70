"""Boot tests of long and odd command lines from GRUB: kept whole up to
4 KiB, said to be cut beyond, a cut word never acted on, and control
bytes shown escaped rather than obeyed, on screen and on COM1."""

import re

import pytest

import qemu
from conftest import WHITE_ON_RED

KEPT = 4096  # BOOTINFO_CMDLINE_MAX - 1


def boot(make_iso, cmdline):
    return qemu.Machine(make_iso(f"    multiboot2 /boot/kernel.elf {cmdline}"))


def panic_line(vm):
    vm.wait_for_halt()
    return vm.screen_lines()[0]


def test_3000_byte_command_line_is_kept_whole_and_its_last_word_acted_on(make_iso):
    with boot(make_iso, "p" * 2990 + " quiet fault=ud") as vm:
        assert panic_line(vm).startswith("longboot: #UD invalid opcode (vector 6)"), vm.serial()


def test_short_command_line_ending_in_a_long_option_runs_that_option(make_iso):
    """Once cut at 255 bytes to `fault=nx`, which faulted at .data instead."""
    with boot(make_iso, "p" * 246 + " quiet fault=nxstack") as vm:
        vm.wait_for_halt()
        assert "fault: executing 0x" in vm.serial() and "(the stack)" in vm.serial(), vm.serial()


@pytest.mark.parametrize("length,tail", [(5000, " fault=ud"), (KEPT + 6, " fault=nxstack")])
def test_command_line_over_4_kib_is_said_to_be_cut_and_its_last_word_ignored(
        make_iso, length, tail):
    """5000 bytes: the cut falls in the q's, long before fault=ud; 4102
    bytes: inside the last word, leaving `fault=nx`."""
    cmdline = "q" * (length - len(tail)) + tail
    with boot(make_iso, cmdline) as vm:
        vm.wait_for_halt()
        serial = vm.serial()
        screen = vm.screen_lines()
    sentence = f"longboot: command line cut: {len(cmdline)} bytes, {KEPT} kept; its last word is ignored."
    assert sentence in serial, serial[-2000:]
    assert "fault:" not in serial and "#UD" not in serial, serial[-2000:]
    assert f"[cut: {len(cmdline)} bytes in all, the first {KEPT} kept]" in serial
    assert "Self-checks: all passed" in screen, "\n".join(screen)


def test_control_bytes_in_the_command_line_are_shown_escaped_not_obeyed(make_iso):
    with boot(make_iso, "a\bb\x1b[2Jc") as vm:
        vm.wait_for_halt()
        serial = vm.serial()
        cells = vm.vga_cells()
    assert "\x1b" not in serial and "\b" not in serial, repr(serial)
    assert "Command:   a\\x08b\\x1b[2Jc\n" in serial, serial
    rows = ["".join(c for c, _ in row).rstrip() for row in cells]
    assert "Command:   a\\x08b\\x1b[2Jc" in rows, "\n".join(rows)
    assert WHITE_ON_RED not in {attribute for row in cells for _, attribute in row}
