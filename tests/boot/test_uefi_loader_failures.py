"""Boot tests of our own UEFI loader's failure paths, under OVMF (q35).

Each case must end in one sentence, "longboot loader: ...; halting.", last
on COM1, with the CPU halted (interrupts off) and the machine not reset.
Before ExitBootServices the loader also gives the sentence to the
firmware's console, which under OVMF draws it on the screen in the
firmware's own font and copies it to COM1: so there it is on COM1 twice.
After ExitBootServices it draws it itself, white on red on the top row of
the framebuffer, read back here with the kernel's font.

The variants are built by `make esp-image` with overrides (uefi.mk): a
corrupted kernel (ESP_KERNEL), no kernel, and test builds of the loader
(UEFI_DEFINES, in a build directory of their own) that take a page of the
kernel's range as firmware would have, read CR4.LA57 as set (OVMF starts it
in 4-level paging even on QEMU's `-cpu max`, which has LA57), or fail after ExitBootServices.
"""

import os
import re
import types

import pytest

import qemu
from conftest import BUILD, assert_halted_without_reset, make
from test_framebuffer import RED, WHITE, colours_of

UEFI_TIMEOUT = 180


@pytest.fixture(scope="module")
def boot_kernel_bytes(iso):
    with open(os.path.join(BUILD, "longboot.elf"), "rb") as f:
        return f.read()


def esp_image(tmp_path, *overrides):
    image = str(tmp_path / "esp.img")
    make("esp-image", f"ESP_IMAGE={image}", *overrides)
    return image


def boot_to_sentence(image, middle):
    """Boots `image`; returns the VM's serial and screen once halted, the
    sentence last on COM1."""
    sentence = f"longboot loader: {middle}; halting."
    with qemu.Machine(drive=image, machine="q35", firmware="uefi") as vm:
        vm.wait_for_halt(timeout=UEFI_TIMEOUT)
        serial = vm.serial()
        assert serial.rstrip("\n").endswith("\n" + sentence), f"COM1 said:\n{serial}"
        assert "Hello World!" not in serial
        assert_halted_without_reset(vm)
        return serial, vm.screen_text(), sentence


def kernel_with_a_bad_magic(tmp_path, kernel_bytes):
    kernel = tmp_path / "kernel.elf"
    kernel.write_bytes(b"\x7e" + kernel_bytes[1:])
    return [f"ESP_KERNEL={kernel}"]


def no_kernel(tmp_path, kernel_bytes):
    return ["ESP_KERNEL="]


def kernel_memory_taken_by_the_firmware(tmp_path, kernel_bytes):
    return [f"UEFI_BUILD={tmp_path}/uefi",
            "UEFI_DEFINES=-DLOADER_TEST_FIRMWARE_TAKES_KERNEL_MEMORY"]


def firmware_in_5_level_paging(tmp_path, kernel_bytes):
    return [f"UEFI_BUILD={tmp_path}/uefi", "UEFI_DEFINES=-DLOADER_TEST_FIRMWARE_RUNS_LA57"]


BEFORE_EXIT = [
    (kernel_with_a_bad_magic, "the kernel file is not ELF (bad magic or too short)"),
    (no_kernel, "cannot open \\boot\\kernel.elf on the boot partition "
                "(EFI status 0x800000000000000e)"),
    (kernel_memory_taken_by_the_firmware,
     "the firmware already uses the kernel's memory, 1 MiB to 2 MiB"),
    (firmware_in_5_level_paging, "the firmware runs 5-level paging (CR4.LA57), which the"
                                 " loader's 4-level page tables cannot take over"),
]


@pytest.mark.parametrize("variant,middle", BEFORE_EXIT,
                         ids=[variant.__name__ for variant, _ in BEFORE_EXIT])
def test_failure_before_exit_boot_services_is_said_by_the_firmware_and_by_us(
        variant, middle, boot_kernel_bytes, tmp_path):
    serial, _, sentence = boot_to_sentence(
        esp_image(tmp_path, *variant(tmp_path, boot_kernel_bytes)), middle)
    assert serial.count(sentence) == 2, f"expected it from ConOut and from us:\n{serial}"


def test_failure_after_exit_boot_services_is_drawn_white_on_red(tmp_path):
    serial, screen, sentence = boot_to_sentence(
        esp_image(tmp_path, f"UEFI_BUILD={tmp_path}/uefi",
                  "UEFI_DEFINES=-DLOADER_TEST_FAIL_AFTER_EXIT"),
        "a test build fails here, after ExitBootServices")
    assert serial.count(sentence) == 1, f"ConOut must not be used after the exit:\n{serial}"
    assert screen.lines[0].startswith(sentence), "screen was:\n" + "\n".join(screen.lines)
    drawn = types.SimpleNamespace(lines=screen.lines, screen=screen)  # what colours_of reads
    assert colours_of(drawn, 0, sentence) == {(WHITE, RED)}


JMP_TO_ITSELF = b"\xeb\xfe"  # `jmp $`


def test_nmi_in_the_hand_off_is_the_stubs_sentence_not_a_reset(tmp_path):
    """A test build's hand-off stub waits in a `jmp $` once its own IDT is
    loaded (LOADER_TEST_HANG_IN_HANDOFF); the test waits until the CPU sits
    on those two bytes, then sends an NMI: the stub's IDT must say so on
    COM1 and, white on red, on the screen (the sentence the loader's C drew
    in advance), and halt, where the firmware's, perhaps above 4 GiB, would
    not do."""
    image = esp_image(tmp_path, f"UEFI_BUILD={tmp_path}/uefi",
                      "UEFI_DEFINES=-DLOADER_TEST_HANG_IN_HANDOFF")
    sentence = "longboot loader: CPU exception or NMI while handing over to the kernel; halting."

    def in_the_stubs_loop():
        found = re.search(r"RIP=([0-9a-f]{16})", vm.hmp("info registers"))
        return found and vm.read_memory(int(found.group(1), 16), 2) == JMP_TO_ITSELF

    with qemu.Machine(drive=image, machine="q35", firmware="uefi") as vm:
        vm.wait_until(in_the_stubs_loop, UEFI_TIMEOUT, "the hand-off stub's test loop")
        vm.qmp("inject-nmi")
        vm.wait_for_halt(timeout=UEFI_TIMEOUT)
        serial = vm.serial()
        assert serial.rstrip("\n").endswith("\n" + sentence), f"COM1 said:\n{serial}"
        assert "Hello World!" not in serial
        screen = vm.screen_text()
        assert screen.lines[0].startswith(sentence), "screen was:\n" + "\n".join(screen.lines)
        drawn = types.SimpleNamespace(lines=screen.lines, screen=screen)  # what colours_of reads
        assert colours_of(drawn, 0, sentence) == {(WHITE, RED)}
        assert_halted_without_reset(vm)
