"""loader_image.py: lay out the disk image that longboot's own BIOS loader boots.

    loader_image.py --loader LOADER.BIN --kernel KERNEL.ELF --output IMAGE
                    [--cmdline TEXT | --cmdline-file FILE]

The layout is the one src/loader/bios/layout.h draws, whose numbers are read
from that header and from src/arch/x86_64/pc.h rather than repeated here:

    sector 0        stage 1, with partition 1 filled in (bootable, type 0xDA
                    "non-FS data", LBA and CHS), so BIOSes that look for a
                    partition table before booting a USB stick find one
    sectors 1-7     stage 2 (the loader is at most 8 sectors)
    sector 8        the command line, NUL-terminated (LOADER_CMDLINE_LBA)
    sector 9 on     partition 1: the kernel ELF file, padded with zeros to
                    a whole sector

The image is a whole number of sectors; write it to a USB stick with dd.
`make image` runs this; the tests run it on corrupted kernels.
"""

import argparse
import os
import re
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADERS = [os.path.join(ROOT, "src", "arch", "x86_64", "pc.h"),
           os.path.join(ROOT, "src", "loader", "bios", "layout.h")]
PARTITION_TYPE_NON_FS_DATA = 0xDA
# CHS as in fdisk for disks of any size: 255 heads, 63 sectors per track;
# beyond cylinder 1023 the CHS fields say 1023/254/63 and the LBA counts.
HEADS, SECTORS_PER_TRACK, MAX_CYLINDER = 255, 63, 1023


def constants():
    """The `#define NAME number` lines of the shared headers, as a dict."""
    values = {}
    for path in HEADERS:
        with open(path) as header:
            for name, value in re.findall(r"^#define (\w+) (0x[0-9A-Fa-f]+|\d+)\b", header.read(), re.M):
                values[name] = int(value, 0)
    return values


def chs(lba):
    """The 3 CHS bytes of an MBR partition entry for a sector."""
    cylinder = lba // (HEADS * SECTORS_PER_TRACK)
    head = lba // SECTORS_PER_TRACK % HEADS
    sector = lba % SECTORS_PER_TRACK + 1
    if cylinder > MAX_CYLINDER:
        cylinder, head, sector = MAX_CYLINDER, HEADS - 1, SECTORS_PER_TRACK
    return bytes([head, (cylinder >> 8) << 6 | sector, cylinder & 0xFF])


def build(loader, kernel, cmdline):
    """The image's bytes for a loader binary, a kernel file and a command line."""
    c = constants()
    sector = c["DISK_SECTOR_SIZE"]
    loader_bytes = c["LOADER_CMDLINE_LBA"] * sector
    if len(loader) > loader_bytes:
        sys.exit(f"loader_image: the loader is {len(loader)} bytes, more than its {loader_bytes}")
    encoded = cmdline.encode()
    if len(encoded) >= sector or b"\0" in encoded:
        sys.exit(f"loader_image: the command line must be under {sector} bytes, without NUL")
    kernel_lba = c["LOADER_CMDLINE_LBA"] + 1
    kernel_sectors = -(-len(kernel) // sector)

    image = bytearray(loader.ljust(loader_bytes, b"\0"))
    image += encoded.ljust(sector, b"\0")
    image += kernel.ljust(kernel_sectors * sector, b"\0")

    entry = c["MBR_PARTITION_TABLE"] + c["LOADER_KERNEL_PARTITION"] * c["MBR_PARTITION_ENTRY_SIZE"]
    last = kernel_lba + kernel_sectors - 1
    image[entry:entry + c["MBR_PARTITION_ENTRY_SIZE"]] = (
        bytes([c["MBR_PARTITION_STATUS_ACTIVE"]]) + chs(kernel_lba)
        + bytes([PARTITION_TYPE_NON_FS_DATA]) + chs(last)
        + struct.pack("<II", kernel_lba, kernel_sectors))
    signature = struct.unpack_from("<H", image, c["MBR_SIGNATURE_OFFSET"])[0]
    if signature != c["MBR_SIGNATURE"]:
        sys.exit("loader_image: the loader's first sector has no boot signature")
    return bytes(image)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--loader", required=True, help="the loader binary (stage 1 + 2)")
    parser.add_argument("--kernel", required=True, help="the kernel ELF file")
    parser.add_argument("--output", required=True, help="the image to write")
    text = parser.add_mutually_exclusive_group()
    text.add_argument("--cmdline", default="", help="the kernel command line")
    text.add_argument("--cmdline-file", help="a file holding the kernel command line")
    args = parser.parse_args()
    cmdline = args.cmdline
    if args.cmdline_file:
        with open(args.cmdline_file) as f:
            cmdline = f.read()
    with open(args.loader, "rb") as f:
        loader = f.read()
    with open(args.kernel, "rb") as f:
        kernel = f.read()
    image = build(loader, kernel, cmdline)
    with open(args.output + ".tmp", "wb") as f:
        f.write(image)
    os.replace(args.output + ".tmp", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
