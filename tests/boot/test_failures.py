"""Boot tests of the C kernel's failure paths and its QEMU exit.

Malformed boot information must give a clear sentence on screen and on
COM1, never a silent reset; it is corrupted through QEMU's gdb stub
before kmain reads it. CPU exceptions have their own file, test_faults.py.
"""

import contextlib
import re

import pytest

import qemu
from conftest import WHITE_ON_RED, assert_halted_without_reset



def whole_screen(vm):
    """The screen as one string of 25 rows of 80 columns, so wrapped lines read on."""
    return "".join("".join(c for c, _ in row) for row in vm.vga_cells())


def red_text(vm):
    return "".join(c for row in vm.vga_cells() for c, attribute in row if attribute == WHITE_ON_RED)


@contextlib.contextmanager
def corrupt_boot_information(iso, kernel, *gdb_commands):
    """Boots to kmain's first instruction under gdb, runs gdb_commands (RSI =
    boot information), then lets the kernel run on to its halt."""
    with qemu.Machine(iso, gdb=True) as vm:
        vm.gdb(kernel, "hbreak *kmain", "continue", *gdb_commands, "detach")
        vm.wait_for_halt()
        yield vm


def test_unusable_boot_information_is_explained_and_kernel_carries_on(iso, kernel):
    with corrupt_boot_information(iso, kernel, "set *(unsigned int *)$rsi = 4") as vm:
        sentence = ("longboot: the boot information is unusable (total_size is below 16); "
                    "carrying on without it.")
        assert sentence in red_text(vm), whole_screen(vm)
        assert sentence + "\n" in vm.serial()
        assert "Self-checks: all passed" in vm.screen_lines()
        assert_halted_without_reset(vm)


def test_tag_running_past_the_end_keeps_the_tags_before_it(iso, kernel):
    """GRUB puts the load-base tag (12 bytes) first, so the second tag's size is at offset 28."""
    with corrupt_boot_information(iso, kernel, "set *(unsigned int *)($rsi + 28) = 0x10000") as vm:
        sentence = re.compile(r"longboot: boot information: [a-z_ ]+ \(tag type \d+ at offset "
                              r"0x18, total_size 0x[0-9a-f]+\); kept the 1 tag\(s\) "
                              r"before it\.")
        assert sentence.search(red_text(vm)), whole_screen(vm)
        assert sentence.search(vm.serial()), vm.serial()
        assert "Self-checks: all passed" in vm.screen_lines()
        assert_halted_without_reset(vm)


def test_qemu_exit_option_leaves_qemu_with_success_status(make_iso):
    """isa-debug-exit turns the kernel's 0 into QEMU exit status (0 << 1) | 1."""
    with qemu.Machine(make_iso("    multiboot2 /boot/kernel.elf quiet qemu-exit")) as vm:
        assert vm.exit_status() == 1, vm.serial()
        assert "Self-checks: all passed" in vm.serial()
