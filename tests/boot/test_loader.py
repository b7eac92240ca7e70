"""Boot tests of our own BIOS loader (src/loader/bios/): the image that
`make image` builds, booted as QEMU's only disk on pc and q35 with 32M to
4G, read from VGA memory and COM1.

The same kernel file boots from the ISO through GRUB; on each machine one
GRUB boot gives the memory map the loader's boot must report too, line
for line. The image here carries a command line put in at build time
(`make image CMDLINE=...`).
"""

import os
import re

import pytest

import qemu
from conftest import BUILD, make
from test_boot import assert_failure_sentence

LOADER_NAME = "longboot BIOS loader 0.1"
COMMAND_LINE = 'hello key=value "two words"'
MEMORY_SIZES = ("32M", "128M", "1G", "4G")
MACHINES = [(machine, memory) for machine in ("pc", "q35") for memory in MEMORY_SIZES]
MAP_ROW = re.compile(r"^  \[0x[0-9a-f]+-0x[0-9a-f]+\] ")


@pytest.fixture(scope="module")
def cmdline_image(tmp_path_factory):
    image = str(tmp_path_factory.mktemp("loader") / "longboot-loader.img")
    make("image", f"CMDLINE={COMMAND_LINE}", f"LOADER_IMAGE={image}")
    return image


def memory_report(serial):
    """The report's memory lines: the summary and every map row."""
    return [line for line in serial.splitlines()
            if line.startswith("Memory:") or MAP_ROW.match(line)]


def report_line(lines, label):
    found = [line for line in lines if line.startswith(label)]
    assert found, f"no line starting {label!r} in:\n" + "\n".join(lines)
    return found[0]


class Boot:
    """What one boot left behind once the kernel halted."""

    def __init__(self, vm):
        vm.wait_for_halt()
        self.screen = vm.screen_lines()
        self.cells = vm.vga_cells()
        self.serial = vm.serial()


@pytest.fixture(scope="module", params=MACHINES, ids=[f"{m}-{r}" for m, r in MACHINES])
def boots(request, cmdline_image, iso):
    """The loader's boot and GRUB's boot of the same machine."""
    machine, memory = request.param
    with qemu.Machine(drive=cmdline_image, machine=machine, memory=memory) as vm:
        loader = Boot(vm)
    with qemu.Machine(iso, machine=machine, memory=memory) as vm:
        grub = Boot(vm)
    return loader, grub


def test_loader_boot_shows_hello_world_first(boots):
    loader, _ = boots
    assert loader.screen[0] == "Hello World!", "screen was:\n" + "\n".join(loader.screen)


def test_report_on_screen_names_our_loader(boots):
    loader, grub = boots
    assert report_line(loader.screen, "Loader:") == f"Loader:    {LOADER_NAME}"
    assert report_line(grub.screen, "Loader:").startswith("Loader:    GRUB 2.06")


def test_report_shows_the_command_line_put_into_the_image(boots):
    loader, _ = boots
    assert report_line(loader.screen, "Command:") == f"Command:   {COMMAND_LINE}"


def test_memory_map_is_grubs_line_for_line(boots):
    loader, grub = boots
    grub_memory = memory_report(grub.serial)
    assert len(grub_memory) > 3, f"GRUB's boot reported no map:\n{grub.serial}"
    assert memory_report(loader.serial) == grub_memory


def test_display_and_acpi_as_grub_reports_them(boots):
    loader, grub = boots
    lines, grub_lines = loader.serial.splitlines(), grub.serial.splitlines()
    assert report_line(lines, "Display:") == "Display:   EGA text 80x25 at 0xb8000"
    assert report_line(lines, "ACPI:") == report_line(grub_lines, "ACPI:")


def test_boot_disk_is_the_first_hard_disk_partition_of_the_kernel(boots):
    loader, _ = boots
    assert report_line(loader.serial.splitlines(), "Boot disk:") == \
        "Boot disk: BIOS drive 0x80, partition 0"


def test_kernel_self_checks_pass_after_the_loader(boots):
    loader, _ = boots
    assert "Self-checks: all passed" in loader.screen, loader.serial
    assert "FAILED" not in loader.serial


def test_com1_starts_with_the_loader_banner_then_the_kernel(boots):
    loader, _ = boots
    assert loader.serial.startswith(f"{LOADER_NAME}\nHello World!\n"), loader.serial


def test_loader_hands_over_at_start64_with_its_marker_on_screen(iso, kernel, tmp_path):
    """Stops at the kernel's 64-bit entry through QEMU's gdb stub: the top
    row holds the loader's banner and its last words (the needle for
    "kernel entry reached"), and the registers the Multiboot2 magic and
    the boot information."""
    make("image")
    row_file = tmp_path / "row0.bin"
    with qemu.Machine(drive=os.path.join(BUILD, "longboot-loader.img"), gdb=True) as vm:
        output = vm.gdb(kernel, "hbreak *start64", "continue",
                        'printf "EDI=%x\\n", $edi',
                        'printf "MBI=%x\\n", *(unsigned int *)$rsi',
                        f"dump binary memory {row_file} 0xb8000 0xb80a0", "detach")
    assert "start64" in output, output
    assert "EDI=36d76289" in output, output
    total_size = int(re.search(r"MBI=([0-9a-f]+)", output).group(1), 16)
    assert 16 < total_size < 4096, output
    row = row_file.read_bytes()[0::2].decode("ascii").rstrip()
    assert row == f"{LOADER_NAME} -> kernel", row


def test_kernel_gets_the_multiboot2_magic_from_the_loader(boots):
    loader, _ = boots
    assert "Multiboot2 magic 0x36d76289," in loader.serial, loader.serial


def test_start64_without_the_multiboot2_magic_says_so_and_halts(kernel):
    """The loader's EDI replaced at the kernel's 64-bit entry through gdb."""
    make("image")
    with qemu.Machine(drive=os.path.join(BUILD, "longboot-loader.img"), gdb=True) as vm:
        output = vm.gdb(kernel, "hbreak *start64", "continue", "set $edi = 0x2BADB002", "detach")
        assert "start64" in output, output
        assert_failure_sentence(
            vm, "longboot: start64 entered without the Multiboot2 magic in EDI; halting.")
