"""Boot tests of our own UEFI loader (src/loader/uefi/): the GPT image that
`make esp-image` builds, booted under OVMF on q35 and pc with 128M, 1G and
4G, read from the framebuffer (pixels decoded with the kernel's font, as
test_framebuffer.py does) and COM1.

On each machine one GRUB boot of the ISO under the same firmware gives the
memory map our loader's boot must report too. Two differences are GRUB's
and are undone before comparing:
  - GRUB reports EFI runtime-services code as type 20, its own internal
    "code" type, which is no Multiboot2 or ACPI type; we report it as
    reserved (2), as ACPI's table of UEFI memory types does;
  - so where such a range touches other reserved ranges, GRUB has several
    rows and we have one: touching rows of one type are merged on both
    sides before comparing.
compare.uefi_comparable_map does both, for `make compare` too. Everything
else (every address, every other type, the usable total) must be equal:
the firmware's map is the same between the two boots.

Load options, which OVMF's removable-media boot never passes, come from
tools/uefi_chain.c, which starts the loader as a boot entry would, and
from OVMF's own UEFI shell, which passes the command line as typed.
"""

import os
import subprocess

import pytest

import qemu
from compare import uefi_comparable_map
from conftest import BUILD, make
from test_boot import SELF_CHECKS
from test_framebuffer import FramebufferBoot, assert_screen_shows_report_as_on_serial

LOADER_NAME = "longboot UEFI loader 0.1"
MACHINES = [(machine, memory) for machine in ("q35", "pc") for memory in ("128M", "1G", "4G")]


@pytest.fixture(scope="session")
def esp_image():
    make("esp-image")
    return f"{BUILD}/longboot-esp.img"


@pytest.fixture(scope="module", params=MACHINES, ids=[f"{m}-{r}" for m, r in MACHINES])
def boots(request, esp_image, iso):
    """Our loader's boot and GRUB's boot of the same machine under OVMF."""
    machine, memory = request.param
    with qemu.Machine(drive=esp_image, machine=machine, memory=memory, firmware="uefi") as vm:
        ours = FramebufferBoot(vm)
    with qemu.Machine(iso, machine=machine, memory=memory, firmware="uefi") as vm:
        grub = FramebufferBoot(vm)
    return ours, grub


def report_line(lines, label):
    found = [line for line in lines if line.startswith(label)]
    assert found, f"no line starting {label!r} in:\n" + "\n".join(lines)
    return found[0]


def test_screen_shows_hello_world_first(boots):
    ours, _ = boots
    assert ours.lines[0] == "Hello World!", f"screen was:\n{ours.text}"


def test_screen_shows_the_report_with_our_loaders_name(boots):
    ours, grub = boots
    assert report_line(ours.lines, "Loader:") == f"Loader:    {LOADER_NAME}"
    assert report_line(grub.lines, "Loader:").startswith("Loader:    GRUB 2.")
    assert_screen_shows_report_as_on_serial(ours)


def test_memory_map_is_grubs_on_the_same_firmware(boots):
    ours, grub = boots
    grub_map = uefi_comparable_map(grub.serial)
    assert len(grub_map) > 3, f"GRUB's boot reported no map:\n{grub.serial}"
    assert "(type 20)" not in ours.serial, "our loader passed on GRUB's internal type"
    assert uefi_comparable_map(ours.serial) == grub_map
    assert report_line(ours.serial.splitlines(), "Memory:") == \
        report_line(grub.serial.splitlines(), "Memory:")


def test_display_and_acpi_as_grub_reports_them(boots):
    ours, grub = boots
    lines, grub_lines = ours.serial.splitlines(), grub.serial.splitlines()
    assert report_line(lines, "Display:").startswith("Display:   RGB framebuffer ")
    assert report_line(lines, "Display:") == report_line(grub_lines, "Display:")
    assert report_line(lines, "ACPI:").startswith("ACPI:      RSDP revision 2 ")
    assert report_line(lines, "ACPI:") == report_line(grub_lines, "ACPI:")


def test_com1_has_the_loader_banner_then_the_kernel(boots):
    ours, _ = boots
    assert f"{LOADER_NAME}\nHello World!\n" in ours.serial, ours.serial


@pytest.mark.parametrize("check", SELF_CHECKS)
def test_kernel_self_check_passes_after_our_uefi_loader(boots, check):
    ours, _ = boots
    assert f"selftest: {check}: ok\n" in ours.serial, f"COM1 said:\n{ours.serial}"


def test_load_options_become_the_kernels_command_line():
    """tools/uefi_chain.c starts our loader as a boot entry with optional
    data would, with the load options "fault=ud  tab:<TAB>here": the report
    shows them as the command line (the tab as '?', the loader's stand-in
    for what is not printable ASCII), and the kernel acts on fault=ud."""
    make("esp-chain-image")
    with qemu.Machine(drive=os.path.join(BUILD, "test", "esp-chain.img"), machine="q35",
                      firmware="uefi") as vm:
        vm.wait_for_halt(timeout=180)
        serial = vm.serial()
        lines = vm.screen_text().lines
    assert "Loader:    longboot UEFI loader" in serial, serial
    assert "\nCommand:   fault=ud  tab:?here\n" in serial, serial
    assert "longboot: #UD invalid opcode (vector 6)" in serial, serial
    assert any(line.startswith("longboot: #UD invalid opcode (vector 6)") for line in lines), \
        "screen was:\n" + "\n".join(lines)


def test_load_options_from_the_uefi_shell_leave_out_the_loaders_own_path(tmp_path, esp_image):
    """OVMF's built-in shell runs startup.nsh from a FAT disk without a
    \\EFI\\BOOT\\BOOTX64.EFI (and with no network card, whose PXE boot
    would come first); the shell passes "\\EFI\\longboot\\loader.efi
    hello=shell" as the load options, and the kernel's command line, in its
    report on the screen and on COM1, must be "hello=shell"."""
    disk = str(tmp_path / "shell.img")
    script = tmp_path / "startup.nsh"
    script.write_bytes(b"fs0:\r\n\\EFI\\longboot\\loader.efi hello=shell\r\n")
    for command in (["truncate", "-s", "4M", disk], ["mformat", "-i", disk, "::"],
                    ["mmd", "-i", disk, "::/EFI", "::/EFI/longboot", "::/boot"],
                    ["mcopy", "-i", disk, os.path.join(BUILD, "uefi", "BOOTX64.EFI"),
                     "::/EFI/longboot/loader.efi"],
                    ["mcopy", "-i", disk, os.path.join(BUILD, "longboot.elf"), "::/boot/kernel.elf"],
                    ["mcopy", "-i", disk, str(script), "::/startup.nsh"]):
        subprocess.run(command, check=True)
    with qemu.Machine(drive=disk, machine="q35", firmware="uefi",
                      extra_args=["-nic", "none"]) as vm:
        vm.wait_for_halt(timeout=180)
        serial = vm.serial()
        lines = vm.screen_text().lines
    assert "loader.efi hello=shell" in serial, f"the shell did not run startup.nsh:\n{serial}"
    assert "\nCommand:   hello=shell\n" in serial, serial
    assert "Command:   hello=shell" in [line.rstrip() for line in lines], \
        "screen was:\n" + "\n".join(lines)
