"""Boot tests of `make disk`: longboot from a GRUB installed on a hard disk.

The BIOS image is a disk as a Linux installation leaves it (MBR, GRUB in
the gap after it, an ext2 /boot partition with a distribution's grub.cfg
plus the entry our grub.d helper printed). QEMU boots it with SeaBIOS as
its only drive, no ISO. The test watches the screen while GRUB's menu is
up, then reads the kernel's screen and COM1 once it halts.

The UEFI image (GPT, an EFI system partition with GRUB as BOOTX64.EFI, an
ext2 root file system with /boot/longboot.elf) boots under OVMF. GRUB's
menu is read from COM1, where OVMF's console also sends it; the kernel's
screen is the framebuffer, read back from pixels (qemu.ScreenText).
"""

import os
import re
import struct
import subprocess
import sys

import pytest

import qemu
from conftest import BUILD, ROOT, make

sys.path.insert(0, os.path.join(ROOT, "tools", "disk"))
import grub_bios_setup  # noqa: E402  (tools/disk is not a package)

SECTOR = 512
MENU_BORDER = "\u00b3"  # the menu frame's vertical line, CP437 byte 0xB3 as the screen reads it


@pytest.fixture(scope="module")
def disk():
    make("disk")
    return os.path.join(BUILD, "longboot-disk.img")


@pytest.fixture(scope="module")
def uefi_disk(disk):
    return os.path.join(BUILD, "longboot-uefi-disk.img")


def partition_table(image):
    """sfdisk's dump of the image's partition table, as text."""
    return subprocess.run(["/usr/sbin/sfdisk", "--dump", image], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True).stdout


class DiskBoot:
    """What one boot from the disk showed: every distinct screen on the way
    (GRUB's menu among them), then the kernel's screen and COM1 at its halt."""

    def __init__(self, vm):
        self.screens = []

        def menu_seen_then_halted():
            lines = vm.screen_lines()
            if not self.screens or self.screens[-1] != lines:
                self.screens.append(lines)
            return vm.halted_for_good()

        vm.wait_until(menu_seen_then_halted, 120, "halt with interrupts off")
        self.screen = vm.screen_lines()
        self.serial = vm.serial()
        self.text = "\n".join(self.screen)

    def menu(self):
        menus = [s for s in self.screens if any("GNU GRUB  version" in line for line in s)]
        assert menus, "GRUB's menu never appeared; screens seen:\n" + \
            "\n----\n".join("\n".join(s) for s in self.screens)
        return "\n".join(menus[-1])


@pytest.fixture(scope="module")
def booted(disk):
    with qemu.Machine(drive=disk) as vm:
        yield DiskBoot(vm)


def test_grub_menu_from_the_disk_lists_the_distribution_entry_then_longboot(booted):
    menu = booted.menu()
    entries = re.findall(rf"^ {MENU_BORDER}([ *])(\S.*?)\s*{MENU_BORDER}$", menu, re.M)
    titles = [title for _, title in entries if title]
    assert titles == ["Debian GNU/Linux", "longboot"], \
        f"expected the entries Debian GNU/Linux and longboot, saw {titles} in:\n{menu}"
    highlighted = [title for mark, title in entries if mark == "*"]
    assert highlighted == ["longboot"], f"expected longboot highlighted as default:\n{menu}"


def test_grub_shows_no_error_on_the_way_to_longboot(booted):
    """A failed `search` prints "error: ..." and makes GRUB wait for a key."""
    errors = [line for screen in booted.screens for line in screen if "error:" in line]
    assert not errors, f"GRUB showed errors before the kernel started: {errors}"


def test_disk_boot_shows_hello_world_and_the_report_on_screen(booted):
    assert booted.screen[0] == "Hello World!", f"screen was:\n{booted.text}"
    assert booted.screen[2].startswith("Loader:    GRUB 2."), f"screen was:\n{booted.text}"
    assert "Self-checks: all passed" in booted.screen, f"screen was:\n{booted.text}"


def test_disk_boot_reports_the_first_hard_disk_partition_0(booted):
    expected = "Boot disk: BIOS drive 0x80, partition 0"
    assert expected in booted.screen, f"expected {expected!r} on screen:\n{booted.text}"
    assert expected + "\n" in booted.serial, f"expected {expected!r} on COM1:\n{booted.serial}"


def test_disk_boot_serial_log_starts_with_hello_world(booted):
    assert booted.serial.startswith("Hello World!\n"), f"COM1 said:\n{booted.serial}"


def test_disk_has_one_bootable_linux_partition_at_1_mib(disk):
    layout = partition_table(disk)
    partitions = re.findall(r"^\S+ : start=\s*(\d+), size=\s*\d+, type=(\w+)(, bootable)?$",
                            layout, re.M)
    assert partitions == [("2048", "83", ", bootable")], \
        f"expected one bootable type-83 partition at sector 2048:\n{layout}"


def test_mbr_holds_grub_boot_img_pointing_at_core_img_in_sector_1(disk):
    with open(disk, "rb") as image:
        mbr = image.read(SECTOR)
        diskboot = image.read(SECTOR)
    with open("/usr/lib/grub/i386-pc/boot.img", "rb") as f:
        boot_img = f.read()
    assert mbr[:grub_bios_setup.KERNEL_SECTOR] == boot_img[:grub_bios_setup.KERNEL_SECTOR], \
        "the MBR does not start with GRUB's boot.img"
    kernel_sector, = struct.unpack_from("<Q", mbr, grub_bios_setup.KERNEL_SECTOR)
    assert kernel_sector == 1, f"expected boot.img to load sector 1, it loads {kernel_sector}"
    start, count, segment = grub_bios_setup.BLOCKLIST.unpack_from(
        diskboot, grub_bios_setup.FIRST_BLOCKLIST)
    assert (start, segment) == (2, 0x820) and 0 < count < 2047, \
        f"expected diskboot to load sectors from 2 to 0x8200, got {start}, {count}, {segment:#x}"
    assert mbr[510:] == b"\x55\xaa", "the MBR lost its boot signature"


def test_grub_bios_setup_refuses_a_core_img_that_overlaps_the_partition(tmp_path, disk):
    """With core.img's first sector at 2040 it would run into the partition at 2048."""
    copy = tmp_path / "disk.img"
    with open(disk, "rb") as src:
        copy.write_bytes(src.read(4096 * SECTOR))
    result = subprocess.run(
        [sys.executable, os.path.join(ROOT, "tools/disk/grub_bios_setup.py"), str(copy),
         "/usr/lib/grub/i386-pc/boot.img", os.path.join(BUILD, "disk/core.img"),
         "--core-sector", "2040"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert result.returncode != 0 and "first partition starts at sector 2048" in result.stdout, \
        f"expected a refusal naming sector 2048, got status {result.returncode}: {result.stdout}"


@pytest.fixture(scope="module")
def uefi_boot(uefi_disk):
    with qemu.Machine(drive=uefi_disk, firmware="uefi") as vm:
        vm.wait_for_halt(timeout=180)
        serial = vm.serial()
        screen = vm.screen_text().lines
    cut = serial.find("\nHello World!\n")
    assert cut >= 0, f"expected Hello World! on its own line on COM1:\n{serial}"
    return {"grub": serial[:cut], "kernel": serial[cut + 1:], "screen": screen}


def test_uefi_disk_is_gpt_with_an_efi_system_partition_and_a_linux_root(uefi_disk):
    layout = partition_table(uefi_disk)
    types = re.findall(r"^\S+ : start=\s*\d+, size=\s*\d+, type=([0-9A-F-]+),", layout, re.M)
    assert "label: gpt" in layout and types == [
        "C12A7328-F81F-11D2-BA4B-00A0C93EC93B",   # EFI system partition
        "0FC63DAF-8483-4772-8E79-3D69D8477DE4",   # Linux file system
    ], f"expected GPT with an ESP then a Linux partition:\n{layout}"


def test_uefi_grub_menu_from_the_disk_lists_both_entries(uefi_boot):
    grub = uefi_boot["grub"]
    assert "GNU GRUB  version 2.06" in grub, f"no GRUB menu on COM1 before the kernel:\n{grub}"
    for title in ("Debian GNU/Linux", "longboot"):
        assert title in grub, f"expected the entry {title!r} in GRUB's menu on COM1:\n{grub}"


def test_uefi_grub_shows_no_error_on_the_way_to_longboot(uefi_boot):
    grub = uefi_boot["grub"]
    errors = [line.strip() for line in re.split(r"\x1b\[[0-9;=:]*[A-Za-z]|\n", grub)
              if "error:" in line]
    assert not errors, f"GRUB showed errors before the kernel started: {errors}"


def test_uefi_grub_loads_longboot_from_boot_on_the_root_partition(uefi_boot):
    expected = "Loading longboot from (hd0,gpt2)/boot/longboot.elf ..."
    assert expected in uefi_boot["grub"], f"expected {expected!r} on COM1:\n{uefi_boot['grub']}"


def test_uefi_disk_boot_reports_on_serial(uefi_boot):
    kernel = uefi_boot["kernel"]
    assert "\nLoader:    GRUB 2." in kernel, f"COM1 said:\n{kernel}"
    assert "\nSelf-checks: all passed\n" in kernel, f"COM1 said:\n{kernel}"
    assert "Boot disk:" not in kernel, "GRUB passes a BIOS boot device only under a BIOS"


def test_uefi_disk_boot_shows_hello_world_and_the_report_on_the_framebuffer(uefi_boot):
    screen = uefi_boot["screen"]
    text = "\n".join(screen)
    assert screen[0] == "Hello World!", f"screen was:\n{text}"
    assert screen[2].startswith("Loader:    GRUB 2."), f"screen was:\n{text}"
    assert "Self-checks: all passed" in screen, f"screen was:\n{text}"
