#!/usr/bin/env python3
"""grub_bios_setup.py: put GRUB's BIOS boot code on a disk image file.

What `grub-bios-setup` does on a real disk, for a disk image, which it
refuses: boot.img goes into the MBR, keeping the disk's partition table,
and core.img (from `grub-mkimage -O i386-pc`) goes into the gap between
the MBR and the first partition. Then two sector pointers are patched so
the BIOS-to-GRUB chain finds core.img:

  BIOS -> MBR (boot.img) --reads 1 sector at KERNEL_SECTOR-->
       -> diskboot.img (core.img's first sector) --reads its blocklist-->
       -> the rest of core.img (decompressor, kernel, embedded modules)

Offsets are the ones GRUB 2.06 names in include/grub/i386/pc/boot.h and
uses in grub-core/boot/i386/pc/boot.S and diskboot.S; what is written
into them follows util/setup.c. No Reed-Solomon recovery codes are added
(`grub-bios-setup --no-rs-codes` does the same), so core.img boots as
grub-mkimage wrote it.

Usage: grub_bios_setup.py DISK BOOT_IMG CORE_IMG [--core-sector N]
"""

import argparse
import struct
import sys

SECTOR = 512

# boot.img (boot.S), offsets from the start of the MBR.
KERNEL_SECTOR = 0x5C      # u64: LBA of core.img's first sector (boot.S `kernel_sector`, default 1)
BOOT_DRIVE = 0x64         # u8: BIOS drive to read from; 0xFF = the drive the BIOS booted (DL)
DRIVE_CHECK = 0x66        # 2 bytes: `jmp 3f` over the "is DL a hard disk?" fix-up for buggy BIOSes
WINDOWS_NT_MAGIC = 0x1B8  # disk signature, then the partition table: kept from the disk
PART_END = 0x1FE          # end of the partition table; the 0x55 0xAA signature follows
BOOT_SIGNATURE = b"\x55\xaa"
USE_BIOS_BOOT_DRIVE = 0xFF
NOP_NOP = b"\x90\x90"     # what setup.c writes over DRIVE_CHECK for a hard disk

# diskboot.img (diskboot.S): a list of {u64 start LBA, u16 sector count,
# u16 load segment} entries that grows down from the end of its sector;
# the first entry is `firstlist`/`blocklist_default_*`, a count of 0 ends it.
BLOCKLIST = struct.Struct("<QHH")  # GRUB_BOOT_MACHINE_LIST_SIZE = 12 bytes
FIRST_BLOCKLIST = SECTOR - BLOCKLIST.size
KERNEL_SEGMENT = 0x800    # GRUB_BOOT_I386_PC_KERNEL_SEG: diskboot.img runs at 0x8000
REST_SEGMENT = KERNEL_SEGMENT + SECTOR // 16  # the rest of core.img follows it, at 0x8200

MBR_PARTITION_TABLE = 0x1BE
MBR_ENTRY = struct.Struct("<B3sB3sII")  # status, CHS first, type, CHS last, first LBA, sectors


def first_partition_start(mbr):
    """The lowest first LBA of the MBR's used partition entries (for GPT, the
    protective entry, which starts at 1: nothing fits before it)."""
    starts = []
    for i in range(4):
        entry = MBR_ENTRY.unpack_from(mbr, MBR_PARTITION_TABLE + i * MBR_ENTRY.size)
        if entry[2] != 0:
            starts.append(entry[4])
    if not starts:
        sys.exit("grub_bios_setup: the disk has no partition table; partition it first")
    return min(starts)


def patched_mbr(boot_img, disk_mbr, core_sector):
    """boot.img with the disk's signature and partition table, pointing at core.img."""
    mbr = bytearray(boot_img)
    mbr[WINDOWS_NT_MAGIC:PART_END] = disk_mbr[WINDOWS_NT_MAGIC:PART_END]
    struct.pack_into("<Q", mbr, KERNEL_SECTOR, core_sector)
    mbr[BOOT_DRIVE] = USE_BIOS_BOOT_DRIVE
    mbr[DRIVE_CHECK:DRIVE_CHECK + 2] = NOP_NOP
    if mbr[PART_END:] != BOOT_SIGNATURE:
        sys.exit("grub_bios_setup: boot.img does not end in 0x55 0xAA; not GRUB's boot.img?")
    return bytes(mbr)


def patched_core(core_img, core_sector):
    """core.img with diskboot's blocklist naming the sectors right after it."""
    core = bytearray(core_img)
    core += bytes(-len(core) % SECTOR)
    rest = len(core) // SECTOR - 1
    _, count, segment = BLOCKLIST.unpack_from(core, FIRST_BLOCKLIST)
    # grub-mkimage already wrote the count and the segment: a mismatch means
    # this is not an i386-pc core.img, or a GRUB with another layout.
    if (count, segment) != (rest, REST_SEGMENT):
        sys.exit(f"grub_bios_setup: core.img's blocklist says {count} sectors at segment "
                 f"{segment:#x}, expected {rest} at {REST_SEGMENT:#x}; not an i386-pc core.img?")
    BLOCKLIST.pack_into(core, FIRST_BLOCKLIST, core_sector + 1, rest, REST_SEGMENT)
    BLOCKLIST.pack_into(core, FIRST_BLOCKLIST - BLOCKLIST.size, 0, 0, 0)  # the terminator
    return bytes(core)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("disk", help="partitioned disk image, changed in place")
    parser.add_argument("boot_img", help="/usr/lib/grub/i386-pc/boot.img")
    parser.add_argument("core_img", help="grub-mkimage -O i386-pc output")
    parser.add_argument("--core-sector", type=int, default=1,
                        help="LBA for core.img's first sector (default 1, right after the MBR)")
    args = parser.parse_args()

    with open(args.boot_img, "rb") as f:
        boot_img = f.read()
    with open(args.core_img, "rb") as f:
        core_img = f.read()
    if len(boot_img) != SECTOR:
        sys.exit(f"grub_bios_setup: boot.img is {len(boot_img)} bytes, expected {SECTOR}")

    with open(args.disk, "r+b") as disk:
        disk_mbr = disk.read(SECTOR)
        core = patched_core(core_img, args.core_sector)
        gap_end = first_partition_start(disk_mbr)
        core_end = args.core_sector + len(core) // SECTOR
        if args.core_sector < 1 or core_end > gap_end:
            sys.exit(f"grub_bios_setup: core.img needs sectors {args.core_sector}-{core_end - 1}, "
                     f"but the first partition starts at sector {gap_end}")
        disk.seek(0)
        disk.write(patched_mbr(boot_img, disk_mbr, args.core_sector))
        disk.seek(args.core_sector * SECTOR)
        disk.write(core)
    print(f"grub_bios_setup: boot.img in the MBR, core.img in sectors "
          f"{args.core_sector}-{core_end - 1} ({len(core_img)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
