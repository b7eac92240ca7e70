"""The ISO as `make iso` writes it (tools/iso/mkiso.sh, docs/iso.md): at
most 1 MiB, carrying for BIOS exactly the GRUB modules grub.cfg needs, and
booting from a CD and from the same bytes written raw to a disk (as to a
USB stick, by the README's own dd command), under SeaBIOS and OVMF, on pc
and q35.

The CD boots are checked in full by test_boot.py (SeaBIOS) and
test_framebuffer.py (OVMF); here each disk boot must show `Hello World!`
(in VGA memory on BIOS, in the framebuffer's pixels on UEFI) and pass the
self-checks, and GRUB must print nothing on its way but the entry it boots.
"""

import os
import re
import struct
import subprocess
import sys

import pytest

import gdb_remote
import qemu
from conftest import ROOT, make, readme_match, symbol_table

MIB = 1 << 20
ISO_SECTOR = 2048
GRUB_CACHE_BLOCK = 32 << 10  # 64 sectors of 512 bytes (GRUB_DISK_CACHE_BITS, grub/disk.h)
UEFI_TIMEOUT = 180
GRUB_PC_DIR = "/usr/lib/grub/i386-pc"
PC_CORE_MODULES = {"biosdisk", "iso9660"}  # tools/iso/mkiso.sh's PC_CORE_MODULES
# mkiso.sh's PC_UNPACKER_MODULES with what they depend on: loaded by the
# core's own configuration, carried as GRUB ships them.
UNPACKER_MODULES = {"lzopio", "gcry_crc", "crypto"}
BOOTING_LINE = "  Booting `longboot'"


def read_list(path):
    with open(path) as lst:
        return {key.strip(): value.split() for key, _, value in
                (line.partition(":") for line in lst) if key.strip()}


@pytest.fixture(scope="module")
def stick(iso, tmp_path_factory):
    """The ISO written to a "USB stick" by the README's own dd command,
    with a file in place of /dev/sdX (and as root already, without sudo)."""
    command = readme_match(r"^sudo (dd if=build/longboot.iso of=/dev/sdX .*)$", "dd command", re.M)
    device = tmp_path_factory.mktemp("stick") / "sdX"
    result = subprocess.run(["sh", "-ec", command.group(1).replace("/dev/sdX", str(device))],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, result.stdout
    with open(iso, "rb") as written, open(device, "rb") as read_back:
        assert read_back.read() == written.read()
    return str(device)


@pytest.fixture(scope="module")
def iso_boot(iso, tmp_path_factory):
    """The ISO's /boot, extracted with xorriso."""
    target = tmp_path_factory.mktemp("iso") / "boot"
    result = subprocess.run(["xorriso", "-osirrox", "on", "-indev", iso,
                             "-extract", "/boot", str(target)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, result.stdout
    return target


@pytest.fixture(scope="module")
def iso_grub(iso_boot):
    return iso_boot / "grub"


def test_iso_is_at_most_1_mib(iso):
    size = os.path.getsize(iso)
    assert size <= MIB, f"the ISO has {size:,} bytes, more than 1 MiB ({MIB:,})"


def test_grubs_cache_blocks_of_every_file_lie_inside_the_image(iso):
    """GRUB reads a disk through its cache in aligned 32 KiB blocks, so the
    block holding a file's last sector must end inside the image, or a CD
    drive refuses the read. The ISO has no padding of its own for that:
    the GPT's backup copy after the last file is it (mkiso.sh's
    ISO_PADDING)."""
    report = subprocess.run(["xorriso", "-indev", iso, "-find", "/", "-exec", "report_lba", "--"],
                            check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True).stdout
    files = re.findall(r"File data lba:\s*0 ,\s*(\d+) ,\s*(\d+) ,\s*\d+ , '(.*)'", report)
    assert any(path == "/boot/kernel.elf" for *_, path in files), report
    size = os.path.getsize(iso)
    for start, blocks, path in files:
        end = (int(start) + int(blocks)) * ISO_SECTOR
        block_end = -(-end // GRUB_CACHE_BLOCK) * GRUB_CACHE_BLOCK
        assert block_end <= size, f"{path}: GRUB may read to byte {block_end:,} of {size:,}"


def test_iso_kernel_is_the_stripped_one(iso_boot, boot_kernel):
    with open(boot_kernel, "rb") as stripped:
        assert (iso_boot / "kernel.elf").read_bytes() == stripped.read()
    sections = subprocess.run(["readelf", "-S", boot_kernel], check=True,
                              stdout=subprocess.PIPE, text=True).stdout
    assert ".symtab" not in sections and ".debug_info" not in sections, sections


def test_bios_modules_are_the_closure_grub_modules_computes_and_closed(iso_grub):
    carried = {name[:-len(".mod")] for name in os.listdir(iso_grub / "i386-pc")
               if name.endswith(".mod")}
    answer = subprocess.run([sys.executable, os.path.join(ROOT, "tools/iso/grub_modules.py"),
                             GRUB_PC_DIR, str(iso_grub / "grub.cfg"),
                             "--without", *sorted(PC_CORE_MODULES)],
                            check=True, stdout=subprocess.PIPE, text=True).stdout.split()
    assert carried == set(answer) | UNPACKER_MODULES
    assert {"normal", "multiboot2", "test", "boot"} <= carried, sorted(carried)
    dependencies = read_list(os.path.join(GRUB_PC_DIR, "moddep.lst"))
    core, todo = set(), list(PC_CORE_MODULES)
    while todo:  # the core image's modules and all they depend on
        module = todo.pop()
        core.add(module)
        todo.extend(set(dependencies[module]) - core)
    missing = {(module, needed) for module in carried for needed in dependencies[module]
               if needed not in carried | core}
    assert not missing, f"modules carried without what they depend on: {sorted(missing)}"


# lzop's file header, as lzop 1.04 writes it (its flag values from its
# conf.h): the magic, then big-endian fields; the flags say which
# checksums each block carries, after its two sizes.
LZOP_MAGIC = b"\x89LZO\x00\r\n\x1a\n"
LZOP_HEADER = struct.Struct(">9sHHHBBIIIIB")  # ... flags, mode, mtime low and high, name length
LZOP_HEADER_CHECKSUM = 4
LZOP_BLOCK_SIZES = 8  # each block: its unpacked size, then its packed size
LZOP_CHECK = 4
F_CRC32_D = 0x100  # a CRC-32 of each block's unpacked data
F_CRC32_C = 0x200  # a CRC-32 of each block's packed data
F_H_CRC32 = 0x1000  # the header's own checksum is a CRC-32


def lzop_header(data):
    """(flags, mode, mtime, offset of the first block's packed data) of an
    lzop file whose first block is packed (checked by both CRC-32s)."""
    magic, *_, flags, mode, mtime_low, mtime_high, name_length = LZOP_HEADER.unpack_from(data)
    assert magic == LZOP_MAGIC
    first_block = LZOP_HEADER.size + name_length + LZOP_HEADER_CHECKSUM
    return flags, mode, mtime_high << 32 | mtime_low, first_block + LZOP_BLOCK_SIZES + 2 * LZOP_CHECK


def test_bios_unpacker_modules_are_grubs_own(iso_grub):
    for name in UNPACKER_MODULES:
        with open(os.path.join(GRUB_PC_DIR, f"{name}.mod"), "rb") as original:
            assert (iso_grub / "i386-pc" / f"{name}.mod").read_bytes() == original.read(), name


def test_bios_modules_are_lzop_packed_copies_of_grubs_with_both_crcs(iso_grub):
    """Every other carried module unpacks to GRUB's own, and its header asks for
    a CRC-32 of the packed and of the unpacked data (with only the one,
    GRUB's lzopio reads through a null pointer; mkiso.sh's LZOP_CHECKS),
    with the mode and date fixed for a reproducible ISO."""
    modules = [name for name in os.listdir(iso_grub / "i386-pc")
               if name.endswith(".mod") and name[:-len(".mod")] not in UNPACKER_MODULES]
    assert "normal.mod" in modules
    epoch = int(make("print-SOURCE_DATE_EPOCH"))
    for name in modules:
        packed = (iso_grub / "i386-pc" / name).read_bytes()
        flags, mode, mtime, _ = lzop_header(packed)
        assert flags & (F_CRC32_D | F_CRC32_C | F_H_CRC32) == F_CRC32_D | F_CRC32_C | F_H_CRC32, \
            f"{name}: lzop flags {flags:#x}"
        assert (mode, mtime) == (0o100644, epoch), name
        unpacked = subprocess.run([os.environ.get("LZOP_COMMAND", "lzop"), "--decompress",
                                   "--stdout"], input=packed,
                                  check=True, stdout=subprocess.PIPE).stdout
        with open(os.path.join(GRUB_PC_DIR, name), "rb") as original:
            assert unpacked == original.read(), name


def test_command_list_names_only_carried_modules(iso_grub):
    carried = {name[:-len(".mod")] for name in os.listdir(iso_grub / "i386-pc")}
    commands = read_list(iso_grub / "i386-pc" / "command.lst")
    assert commands.get("multiboot2") == ["multiboot2"], commands
    assert {modules[0] for modules in commands.values()} <= carried


@pytest.mark.parametrize("checksum,before_packed_data", [("packed", LZOP_CHECK),
                                                        ("unpacked", 2 * LZOP_CHECK)])
def test_a_wrong_checksum_stops_grub_with_its_error(iso, tmp_path, checksum, before_packed_data):
    """One bit of the CRC-32 stored for normal.mod's first block, of its
    packed or of its unpacked data, flipped in a copy of the ISO: GRUB must
    refuse the module, not load it. The data itself is left whole, so only
    the check can find it (lzopio checks only what it finds a function
    for: gcry_crc in the core; docs/iso.md)."""
    report = subprocess.run(["xorriso", "-indev", iso, "-find", "/boot/grub/i386-pc/normal.mod",
                             "-exec", "report_lba", "--"], check=True, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True).stdout
    lba = int(re.search(r"File data lba:\s*0 ,\s*(\d+) ,", report).group(1))
    with open(iso, "rb") as whole:
        data = bytearray(whole.read())
    *_, packed_data = lzop_header(data[lba * ISO_SECTOR:])
    data[lba * ISO_SECTOR + packed_data - before_packed_data] ^= 1
    damaged = tmp_path / "damaged.iso"
    damaged.write_bytes(data)
    with qemu.Machine(str(damaged), extra_args=qemu.CD_FIRST) as vm:
        vm.wait_until(lambda: any("error: lzop file corrupted" in line
                                  for line in vm.screen_lines()),
                      60, "GRUB's checksum error")
        assert not any("Hello World!" in line for line in vm.screen_lines())


@pytest.mark.parametrize("medium", ["cdrom", "disk"])
def test_grub_on_bios_prints_only_the_entry_it_boots(iso, kernel, medium):
    """A module or file GRUB fails to load costs a line on screen; stopped
    at the kernel's `start`, the screen shows GRUB's lines alone."""
    boot = {"iso": iso} if medium == "cdrom" else {"drive": iso}
    start = symbol_table(kernel)["start"]
    with qemu.Machine(gdb=True, **boot) as vm, \
            gdb_remote.GdbRemote(vm.gdb_socket, UEFI_TIMEOUT) as stub:
        stub.break_at(start)
        stub.run_until_stop()
        lines = [line for line in vm.screen_lines() if line]
    assert lines == [BOOTING_LINE], "GRUB's screen was:\n" + "\n".join(lines)


@pytest.mark.parametrize("machine", ["pc", "q35"])
def test_iso_written_to_a_disk_boots_on_bios(stick, machine):
    with qemu.Machine(drive=stick, machine=machine) as vm:
        vm.wait_for_halt()
        screen = vm.screen_lines()
        serial = vm.serial()
    assert screen[0] == "Hello World!", "screen was:\n" + "\n".join(screen)
    assert "Boot disk: BIOS drive 0x80" in screen, "\n".join(screen)
    assert "Self-checks: all passed" in screen and "FAILED" not in serial, serial


@pytest.mark.parametrize("machine", ["pc", "q35"])
def test_iso_written_to_a_disk_boots_on_uefi(stick, machine):
    with qemu.Machine(drive=stick, machine=machine, firmware="uefi") as vm:
        vm.wait_for_halt(timeout=UEFI_TIMEOUT)
        serial = vm.serial()
        lines = vm.screen_text().lines
    grub, hello, kernel = serial.partition("\nHello World!\n")
    assert hello, f"expected Hello World! on its own line on COM1:\n{serial}"
    assert "error" not in grub, f"GRUB printed an error on COM1:\n{grub}"
    assert "from PciRoot" in grub and "HARDDISK" in grub, f"not booted from the disk:\n{grub}"
    assert lines[0] == "Hello World!", "screen was:\n" + "\n".join(lines)
    assert "Display:   RGB framebuffer " in kernel, kernel
    assert "Self-checks: all passed" in lines and "FAILED" not in kernel, kernel
