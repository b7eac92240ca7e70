"""Framebuffer boot tests: the same ISO under UEFI (OVMF), read from pixels.

UEFI has no VGA text mode, so the kernel draws its text into the
framebuffer GRUB reports. Each test takes QEMU's screendump and recovers
the text by matching every 8x16 cell against the kernel's font
(qemu.ScreenText), then compares it with what the kernel sent to COM1.
UEFI boots under TCG take several seconds, so there are only four, one of
them on a 4K screen. One BIOS boot
shows what a menu entry without `gfxpayload=text` gets: a VBE graphics
mode, on which the same console draws.
"""

import re

import pytest

import font
import qemu
from test_boot import LONG_MODE_LINE, SELF_CHECKS

UEFI_TIMEOUT = 180
PAGE_2M = 2 << 20
LIGHT_GREEN = (0x55, 0xFF, 0x55)
LIGHT_GREY = (0xAA, 0xAA, 0xAA)
WHITE = (0xFF, 0xFF, 0xFF)
RED = (0xAA, 0x00, 0x00)
BLACK = (0, 0, 0)
# QEMU's VGA offering a 4K mode (through its EDID), which GRUB then sets.
VGA_4K = ("-vga", "none", "-device", "VGA,xres=3840,yres=2160,vgamem_mb=64")
REPORT_LABELS = ("Loader:", "Command:", "Memory:", "  [0x", "Display:", "ACPI:", "Modules:",
                 "Self-checks:")


class FramebufferBoot:
    """What one boot left on COM1 and on the screen once the kernel halted."""

    def __init__(self, vm):
        vm.wait_for_halt(timeout=UEFI_TIMEOUT)
        self.serial = vm.serial()
        self.screen = vm.screen_text()
        self.lines = self.screen.lines
        self.text = "\n".join(self.lines)
        # "info tlb" lists each mapped page as "virtual: physical XGPDACTUW" flags.
        self.page_flags = {int(virtual, 16): flags for virtual, flags in
                           re.findall(r"^([0-9a-f]+): [0-9a-f]+ ([-A-Z]+)", vm.hmp("info tlb"), re.M)}


@pytest.fixture(scope="module", params=["q35", "pc"])
def booted(request, iso):
    with qemu.Machine(iso, machine=request.param, firmware="uefi") as vm:
        yield FramebufferBoot(vm)


def colours_of(boot, row, text):
    """The (foreground, background) pairs of the cells where `text` starts in `row`."""
    start = boot.lines[row].find(text)
    assert start >= 0, f"expected {text!r} in screen row {row}:\n{boot.text}"
    return {(fg, bg) for _, fg, bg in boot.screen.cells[row][start:start + len(text)]
            if fg is not None}


def test_grub_reports_an_rgb_framebuffer_and_the_kernel_takes_it(booted):
    assert "Display:   RGB framebuffer " in booted.serial, booted.serial
    assert "console: the screen is the " in booted.serial, booted.serial


def test_screen_shows_hello_world_first_in_light_green(booted):
    assert booted.lines[0] == "Hello World!", f"screen was:\n{booted.text}"
    assert colours_of(booted, 0, "Hello World!") == {(LIGHT_GREEN, BLACK)}


def assert_screen_shows_report_as_on_serial(boot):
    """Every report line on COM1 is on the screen, identical, in the same order."""
    serial_lines = boot.serial.split("\n")
    expected = [line for line in serial_lines if line.startswith(REPORT_LABELS)]
    assert len(expected) >= len(REPORT_LABELS), f"COM1 said:\n{boot.serial}"
    on_screen = [line for line in boot.lines if line.startswith(REPORT_LABELS)]
    assert on_screen == expected, f"screen was:\n{boot.text}"
    assert boot.lines[1] == LONG_MODE_LINE
    assert colours_of(boot, 1, "longboot:") == {(LIGHT_GREY, BLACK)}


def test_screen_shows_the_boot_report_as_on_serial(booted):
    assert_screen_shows_report_as_on_serial(booted)


def test_screen_shows_nothing_the_kernel_did_not_print(booted):
    """No unreadable cell, and every non-empty screen line is a COM1 line."""
    serial_lines = set(booted.serial.split("\n"))
    stray = [line for line in booted.lines if line and line not in serial_lines]
    assert not stray, f"lines on screen but not on COM1: {stray}\nscreen was:\n{booted.text}"


def test_framebuffer_pages_and_only_they_are_uncached(booted):
    """PCD ('C' in QEMU's flags) on every 2 MiB page of the framebuffer."""
    found = re.search(r"RGB framebuffer \d+x(\d+)x\d+ at 0x([0-9a-f]+), pitch (\d+)",
                      booted.serial)
    assert found, booted.serial
    height, address, pitch = int(found.group(1)), int(found.group(2), 16), int(found.group(3))
    first = address - address % PAGE_2M
    pages = range(first, address + pitch * height, PAGE_2M)
    uncached = sorted(page for page, flags in booted.page_flags.items() if flags[5] == "C")
    assert uncached == list(pages), f"uncached pages: {[hex(p) for p in uncached]}"


@pytest.mark.parametrize("check", SELF_CHECKS)
def test_kernel_self_check_passes_under_uefi(booted, check):
    assert f"selftest: {check}: ok\n" in booted.serial, f"COM1 said:\n{booted.serial}"


def test_panic_screen_shows_white_on_red_on_the_framebuffer(make_iso, kernel):
    """The panic screen draws on the framebuffer too; make_iso's menu entry
    has the lines an installed GRUB's entry needs."""
    iso = make_iso("    multiboot2 /boot/kernel.elf fault=ud")
    with qemu.Machine(iso, machine="q35", firmware="uefi") as vm:
        boot = FramebufferBoot(vm)
    sentence = "longboot: #UD invalid opcode (vector 6) at RIP 0x"
    rows = [row for row, line in enumerate(boot.lines) if line.startswith(sentence)]
    assert rows, f"no exception sentence on screen:\n{boot.text}"
    assert colours_of(boot, rows[0], sentence) == {(WHITE, RED)}
    assert boot.lines[rows[0]] in boot.serial.split("\n"), f"COM1 said:\n{boot.serial}"


def test_bios_entry_without_gfxpayload_text_gets_vbe_and_the_same_screen(make_iso):
    """Our header offers a framebuffer, so a plain `multiboot2` entry makes
    GRUB on BIOS pick a VBE mode; the kernel then draws there instead."""
    with qemu.Machine(make_iso("    multiboot2 /boot/kernel.elf", video_lines=False)) as vm:
        boot = FramebufferBoot(vm)
    assert "Display:   RGB framebuffer " in boot.serial, boot.serial
    assert boot.lines[0] == "Hello World!", f"screen was:\n{boot.text}"
    assert_screen_shows_report_as_on_serial(boot)


MODULES_KEPT = 16  # bootinfo.h: BOOTINFO_MAX_MODULES


def test_no_console_cells_are_carved_while_a_module_goes_unlisted(make_iso):
    """One module more than the kernel keeps: where the dropped one lies is
    unknown, so no memory is known to be free for the framebuffer
    console's cells, and COM1 says why the screen is not drawn on."""
    modules = "\n".join(f"    module2 /boot/m.txt m{n}" for n in range(MODULES_KEPT + 1))
    iso = make_iso("    multiboot2 /boot/kernel.elf\n" + modules, video_lines=False,
                   files={"boot/m.txt": b"module\n"})
    with qemu.Machine(iso) as vm:
        vm.wait_for_halt()
        serial = vm.serial()
    assert re.search(r"console: cannot draw on the framebuffer at 0x[0-9a-f]+: the boot "
                     r"information does not say where every module lies", serial), serial
    assert "Self-checks: all passed" in serial, serial


def top_text_row(vm):
    """The first row of text cells on the framebuffer, read from a screendump."""
    path = vm.workdir + "/screen.ppm"
    vm.qmp("screendump", filename=path, format="ppm")
    with open(path, "rb") as picture:
        data = picture.read()
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    width = int(header.group(1))
    pixels = data[header.end():header.end() + width * font.HEIGHT * 3]
    return qemu.ScreenText(width, font.HEIGHT, pixels).lines[0]


def test_4k_screen_gets_a_cell_for_every_character_it_has_room_for(make_iso):
    """The console's cells are carved from free memory to the screen's
    size: a 3840x2160 screen gets all 480 columns and all 135 rows."""
    iso = make_iso("    multiboot2 /boot/kernel.elf\n    set gfxpayload=3840x2160x32")
    with qemu.Machine(iso, machine="q35", firmware="uefi", extra_args=VGA_4K) as vm:
        vm.wait_for_halt(timeout=UEFI_TIMEOUT)
        serial = vm.serial()
        top = top_text_row(vm)
    assert "Display:   RGB framebuffer 3840x2160x32 " in serial, serial
    assert re.search(r"console: the screen is the 3840x2160 framebuffer at 0x[0-9a-f]+, "
                     r"480 columns by 135 rows\n", serial), serial
    assert re.search(r"console: its 64800 cells are in free memory at 0x[0-9a-f]+\n", serial), \
        serial
    assert top == "Hello World!" and "Self-checks: all passed" in serial, (top, serial)
