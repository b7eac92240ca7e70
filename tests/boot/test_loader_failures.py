"""Boot tests of our own BIOS loader's failure paths.

Each case must leave one sentence, "longboot loader: ...; halting.", on
the top screen row in white on red and at the end of COM1, with the CPU
halted and the machine not reset: a CPU without long mode, a memory map
missing or longer than the loader holds, a kernel file
that fails the ELF checks (built into an image of its own with
tools/loader_image.py), an image cut short, a CPU exception while the
loader runs in protected mode or in long mode, and an NMI or machine check
there or in real mode once stage 2 has checked the CPU (forced through
QEMU's gdb stub on the loader's own ELF).
"""

import os
import re
import struct
import subprocess
import time

import pytest

import qemu
from conftest import (BUILD, ROOT, WHITE_ON_RED, assert_halted_without_reset, make,
                      symbol_table)

SECTOR = 512
BOOT_SECTOR_ADDRESS = 0x7C00         # pc.h: BIOS_BOOT_SECTOR_ADDRESS, where stage 1 runs
KERNEL_LBA = 9                       # layout.h: LOADER_CMDLINE_LBA + 1
PHDR = struct.Struct("<IIQQQQQQ")    # p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align
PT_LOAD, PT_NOTE = 1, 4
UD2 = 0x0B0F                          # the two bytes of `ud2`, as a little-endian u16


@pytest.fixture(scope="module")
def loader():
    make("image")
    return {"image": os.path.join(BUILD, "longboot-loader.img"),
            "bin": os.path.join(BUILD, "loader", "loader.bin"),
            "elf": os.path.join(BUILD, "loader", "loader.elf"),
            "kernel": os.path.join(BUILD, "longboot.elf")}


def image_with_kernel(loader, tmp_path, kernel_bytes):
    """An image of the loader with the given kernel file, as make image lays it out."""
    kernel = tmp_path / "kernel.elf"
    kernel.write_bytes(kernel_bytes)
    image = tmp_path / "loader.img"
    subprocess.run(["python3", os.path.join(ROOT, "tools", "loader_image.py"),
                    "--loader", loader["bin"], "--kernel", str(kernel),
                    "--output", str(image)], check=True)
    return str(image)


def program_headers(elf):
    phoff, = struct.unpack_from("<Q", elf, 0x20)
    phnum, = struct.unpack_from("<H", elf, 0x38)
    return [(phoff + i * PHDR.size, PHDR.unpack_from(elf, phoff + i * PHDR.size))
            for i in range(phnum)]


def assert_loader_sentence(vm, middle):
    """The sentence on the top row in white on red, last on COM1, and a
    halt; NN in `middle` stands for a number. Returns the row."""
    pattern = re.escape(f"longboot loader: {middle}; halting.").replace("NN", "[0-9a-f]+")
    vm.wait_for_halt()
    cells = vm.vga_cells()
    row = "".join(c for c, _ in cells[0]).rstrip()
    assert re.fullmatch(pattern, row), "screen was:\n" + "\n".join(vm.screen_lines())
    assert {attribute for _, attribute in cells[0]} == {WHITE_ON_RED}, \
        "expected the whole top row white on red"
    assert vm.serial().rstrip("\n").endswith(row), f"COM1 said:\n{vm.serial()}"
    assert_halted_without_reset(vm)
    return row


def test_qemu32_cpu_without_long_mode_gets_the_loaders_sentence(loader):
    with qemu.Machine(drive=loader["image"], cpu="qemu32") as vm:
        assert_loader_sentence(vm, "this CPU has no 64-bit long mode")


def test_kernel_with_a_bad_magic_says_so_and_halts(loader, tmp_path):
    with open(loader["kernel"], "rb") as f:
        kernel = bytearray(f.read())
    kernel[0] = 0x7E
    with qemu.Machine(drive=image_with_kernel(loader, tmp_path, kernel)) as vm:
        assert_loader_sentence(vm, "the kernel file is not ELF (bad magic or too short)")


def test_truncated_kernel_file_says_so_and_halts(loader, tmp_path):
    with open(loader["kernel"], "rb") as f:
        kernel = f.read()
    with qemu.Machine(drive=image_with_kernel(loader, tmp_path, kernel[:16384])) as vm:
        assert_loader_sentence(vm, "a PT_LOAD runs past the end of the file")


def test_segment_outside_the_kernel_memory_says_so_and_halts(loader, tmp_path):
    """The data segment moved to 3 MiB, above the 2 MiB linker.ld allows."""
    with open(loader["kernel"], "rb") as f:
        kernel = bytearray(f.read())
    offset, header = [(o, h) for o, h in program_headers(kernel) if h[0] == PT_LOAD][-1]
    moved = list(header)
    moved[3] = moved[4] = 0x300000
    PHDR.pack_into(kernel, offset, *moved)
    with qemu.Machine(drive=image_with_kernel(loader, tmp_path, kernel)) as vm:
        assert_loader_sentence(vm, "a PT_LOAD lies outside the kernel's memory")


def test_kernel_without_the_entry_note_says_so_and_halts(loader, tmp_path):
    with open(loader["kernel"], "rb") as f:
        kernel = bytearray(f.read())
    offset, header = [(o, h) for o, h in program_headers(kernel) if h[0] == PT_NOTE][0]
    PHDR.pack_into(kernel, offset, 0, *header[1:])
    with qemu.Machine(drive=image_with_kernel(loader, tmp_path, kernel)) as vm:
        assert_loader_sentence(vm, "the kernel has no longboot 64-bit entry note")


def test_truncated_image_gives_the_disk_read_error_and_halts(loader, tmp_path):
    """The image ends 8 sectors into the kernel's partition."""
    with open(loader["image"], "rb") as f:
        image = f.read()
    cut = tmp_path / "cut.img"
    cut.write_bytes(image[:(KERNEL_LBA + 8) * SECTOR])
    with qemu.Machine(drive=str(cut)) as vm:
        row = assert_loader_sentence(vm, "disk read error (INT 13h status 0xNN)")
        assert re.search(r"status 0x[0-9a-f]{2}\)", row), row


E820_MAX_ENTRIES = 128     # layout.h: LOADER_E820_MAX_ENTRIES
E820_ENTRY_BYTES = 24


@pytest.mark.parametrize("stop_at,count", [("read_memory_map.next", E820_MAX_ENTRIES - 1),
                                           ("read_memory_map.end", 0)])
def test_memory_map_that_is_missing_or_too_long_is_refused(loader, stop_at, count):
    """Held in real mode where the loader reads its first E820 entry, it
    is made to look as if the BIOS had given 127 entries already (the count
    and the write pointer, DI, moved on): QEMU's own entries then fill the
    last slot and the spare one past it, and the loader must refuse the
    map, not cut it. Held where the reading ends, the count is set to 0,
    as a BIOS without E820 leaves it."""
    moved = [f"set $di = (int)&e820_map + {count * E820_ENTRY_BYTES}"] if count else []
    with qemu.Machine(drive=loader["image"], gdb=True) as vm:
        output = vm.gdb(loader["elf"], f"hbreak *'{stop_at}'", "continue",
                        f"set {{unsigned short}}&e820_count = {count}", *moved, "detach")
        assert "Breakpoint 1, read_memory_map" in output, output
        assert_loader_sentence(vm, "no E820 memory map, or one over 128 entries")


def test_memory_map_buffer_has_the_spare_slot_the_refusal_reads_into(loader):
    """The entry past the last one kept is written before the loader
    refuses the map: e820_map must hold 129 entries before what follows."""
    symbols = symbol_table(loader["elf"])
    following = min(address for address in symbols.values() if address > symbols["e820_map"])
    assert following - symbols["e820_map"] >= (E820_MAX_ENTRIES + 1) * E820_ENTRY_BYTES


@pytest.mark.parametrize("stop_at,mode", [("build_page_tables", "protected mode"),
                                           ("loader_main", "long mode")])
def test_cpu_exception_in_the_loader_says_which_and_halts(loader, stop_at, mode):
    """`ud2` (#UD, vector 6) written where the loader is about to run, in
    32-bit protected mode (its 32-bit IDT) or in long mode (its 64-bit IDT)."""
    with qemu.Machine(drive=loader["image"], gdb=True) as vm:
        output = vm.gdb(loader["elf"], f"hbreak *{stop_at}", "continue",
                        f"set {{unsigned short}}$pc = {UD2:#x}", "detach")
        assert stop_at in output, output
        row = assert_loader_sentence(vm, "CPU exception in the loader, vector NN")
        assert row.endswith("vector 6; halting."), f"{mode}: {row}"


JMP_TO_ITSELF = 0xFEEB                 # `jmp $`, as a little-endian u16
EFLAGS_DF = 0x400                    # the direction flag, which a BIOS call may leave set

# Where the loader is held for an NMI or a machine check, and the gdb
# commands that set the scene there: in long mode at loader_main; in real
# mode where it is about to read the kernel (after its CPU check), with
# the direction flag set and, once, DS 0x40, as a BIOS call may leave them.
LONG_MODE = ("loader_main",)
REAL_MODE = ("read_kernel", f"set $eflags |= {EFLAGS_DF:#x}")
REAL_MODE_BIOS_DS = (*REAL_MODE, "set $ds = 0x40")


def hold(vm, loader, stop_at, *commands):
    """Stops the loader at stop_at, runs the gdb commands, and leaves it
    in a `jmp $` there."""
    output = vm.gdb(loader["elf"], f"hbreak *{stop_at}", "continue", *commands,
                    f"set {{unsigned short}}$pc = {JMP_TO_ITSELF:#x}", "detach")
    assert stop_at in output, output


@pytest.mark.parametrize("scene", [LONG_MODE, REAL_MODE, REAL_MODE_BIOS_DS],
                         ids=["long mode", "real mode", "real mode, a BIOS call's DS"])
def test_nmi_in_the_loader_says_so_and_halts(loader, scene):
    """Held as the scene says, the loader gets an NMI: its IDT's sentence,
    or in real mode its vector's, not the BIOS's handler returning."""
    with qemu.Machine(drive=loader["image"], gdb=True) as vm:
        hold(vm, loader, *scene)
        vm.qmp("inject-nmi")
        assert_loader_sentence(vm, "NMI in the loader")


@pytest.mark.parametrize("scene", [LONG_MODE, REAL_MODE], ids=["long mode", "real mode"])
def test_machine_check_in_the_loader_is_its_sentence_not_a_reset(loader, scene):
    """Held as the scene says, the machine gets an uncorrected error in
    bank 1 through QEMU's monitor: with CR4.MCE on (stage 2 turns it on)
    that is #MC, vector 18, through the loader's IDT or its real-mode
    vector; without it QEMU would reset the CPU."""
    with qemu.Machine(drive=loader["image"], gdb=True) as vm:
        hold(vm, loader, *scene)
        vm.hmp("mce 0 1 0xb200000000000000 0x5 0 0")
        row = assert_loader_sentence(vm, "CPU exception in the loader, vector NN")
        assert row.endswith("vector 18; halting."), row


def test_failing_flag_is_in_the_boot_sector(loader):
    """fail16 checks the flag before stage 2 has zeroed any .bss (no LBA
    extensions, a disk error reading stage 2), so it must come from disk,
    0, in stage 1's sector."""
    address = symbol_table(loader["elf"])["failing"]
    assert BOOT_SECTOR_ADDRESS <= address < BOOT_SECTOR_ADDRESS + SECTOR, \
        f"failing at {address:#x}"
    with open(loader["bin"], "rb") as binary:
        assert binary.read()[address - BOOT_SECTOR_ADDRESS] == 0


def test_nmi_after_a_real_mode_failure_leaves_the_sentence_and_the_halt(loader):
    """The memory map refused in real mode (its count set to 0, as in the
    test above), then an NMI: the first sentence stays, written once."""
    middle = "no E820 memory map, or one over 128 entries"
    with qemu.Machine(drive=loader["image"], gdb=True) as vm:
        output = vm.gdb(loader["elf"], "hbreak *'read_memory_map.end'", "continue",
                        "set {unsigned short}&e820_count = 0", "detach")
        assert "read_memory_map" in output, output
        before = assert_loader_sentence(vm, middle)
        vm.qmp("inject-nmi")
        time.sleep(0.5)
        assert_loader_sentence(vm, middle)
        assert vm.serial().count(before) == 1, vm.serial()


def test_nmi_after_a_failure_leaves_the_sentence_and_the_halt(loader, tmp_path):
    with open(loader["kernel"], "rb") as f:
        kernel = f.read()
    with qemu.Machine(drive=image_with_kernel(loader, tmp_path, kernel[:16384])) as vm:
        before = assert_loader_sentence(vm, "a PT_LOAD runs past the end of the file")
        vm.qmp("inject-nmi")
        time.sleep(0.5)
        assert_loader_sentence(vm, "a PT_LOAD runs past the end of the file")
        assert vm.serial().count(before) == 1, vm.serial()
