"""bench.py: how fast longboot boots, how big it is, how long it takes to build.

`make bench` runs this after `make iso`. It measures, on this machine:
  - BIOS boot time: from just before QEMU starts (TCG, pc, 128M, SeaBIOS)
    until "Hello World!" is in row 0 of VGA text memory (boot_timing.py: a
    write watchpoint through QEMU's gdb stub, only the time the machine ran
    counted); the median, min and max of --runs boots, with QEMU's default
    boot order (hard disk and floppy tried before the CD) and with the CD
    first (-boot d, as `make run` boots);
  - the floor: the same measure for tools/bootsector.asm, a 512-byte boot
    sector that only writes "Hello World!", booted in the same rounds as
    the ISO so that both see the same load on the host; each ISO time is
    also given as its ratio to the floor (goals: 4.0x by default, 3.0x CD
    first);
  - the guest's instructions in one CD-first boot and one floor boot, to
    the same point, under -icount (boot_timing.instructions_to_hello): a
    figure for GRUB's and the kernel's own work that the host's load, which
    moves the times above by tens of percent, barely moves;
  - UEFI: from OVMF's "BdsDxe: loading" on COM1 until the kernel's
    "Hello World!" there, the part of a UEFI boot that GRUB and the kernel
    take (boot_timing.uefi_times), and the whole boot's time to that line,
    the median of --uefi-runs boots: with the CD as the boot device
    (bootindex=1, as `make run-uefi`; goal 0.16 s), and with QEMU's
    default order, where OVMF also starts the network card and its iPXE
    driver stops the card again inside ExitBootServices (qemu.boot_medium);
  - the ISO size, the booted kernel's (longboot.elf, stripped) file size
    and its loaded size (the sum of its PT_LOAD segments' memory sizes),
    and the debug ELF's (kernel.elf) file size;
  - a clean build: `make iso` into a fresh build directory inside BUILD,
    removed afterwards.
It prints a Markdown table for the README and keeps a copy in BUILD (REPORT_FILE).
The boot timing itself is boot_timing.py's, shared with `make compare`.
"""

import argparse
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import qemu
from boot_timing import (ROOT, assemble_floor, host_line, instructions_to_hello,
                         seconds_to_hello, uefi_times)
from qemu import CD_FIRST

REPORT_FILE = "bench.md"  # in the build directory: the table, as printed
PT_LOAD = 1
ELF64_HEADER = struct.Struct("<16sHHIQQQIHHHHHH")
ELF64_PROGRAM_HEADER = struct.Struct("<IIQQQQQQ")


def loaded_size(elf_path):
    """Sum of p_memsz over the PT_LOAD program headers of an ELF64 file."""
    with open(elf_path, "rb") as elf:
        data = elf.read()
    header = ELF64_HEADER.unpack_from(data)
    if header[0][:5] != b"\x7fELF\x02":
        sys.exit(f"bench: {elf_path} is not an ELF64 file")
    phoff, phentsize, phnum = header[5], header[9], header[10]
    total = 0
    for i in range(phnum):
        p_type, *_, p_memsz, _align = ELF64_PROGRAM_HEADER.unpack_from(data, phoff + i * phentsize)
        if p_type == PT_LOAD:
            total += p_memsz
    return total


def uefi_boot(iso, boot_first):
    """boot_timing.UefiTimes of one boot of the ISO under OVMF."""
    with qemu.Machine(iso, firmware="uefi", boot_first=boot_first) as machine:
        return uefi_times(machine)


def clean_build_seconds(build):
    """Times `make iso` into a fresh directory inside `build`, which is then
    removed (a build writes only inside its tree)."""
    # Without the caller's MAKEFLAGS: no -j or jobserver from `make -jN bench`,
    # and no BUILD= override, so every run measures the same serial build.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    with tempfile.TemporaryDirectory(prefix="clean-build-", dir=build) as clean:
        start = time.monotonic()
        result = subprocess.run(["make", "--no-print-directory", f"BUILD={clean}", "iso"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        elapsed = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"bench: the clean build failed:\n{result.stdout}")
    return elapsed


def seconds_cell(times):
    return (f"{statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f})")


def ratio_cell(times, floor_times, goal):
    ratio = statistics.median(times) / statistics.median(floor_times)
    return f"{ratio:.2f}× (goal ≤ {goal:.1f}×)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="BIOS boots of each kind (default 7)")
    parser.add_argument("--uefi-runs", type=int, default=5, help="UEFI boots (default 5)")
    parser.add_argument("--build", default=os.environ.get("BUILD", "build"),
                        help="build directory holding longboot.iso and longboot.elf")
    args = parser.parse_args()
    build = os.path.join(ROOT, args.build)
    iso = os.path.join(build, "longboot.iso")
    kernel = os.path.join(build, "longboot.elf")
    debug_kernel = os.path.join(build, "kernel.elf")
    for path in (iso, kernel, debug_kernel):
        if not os.path.isfile(path):
            sys.exit(f"bench: {path} does not exist; run `make iso` first (or `make bench`).")

    bootsector = assemble_floor(os.path.join(build, "bench"))

    default_times, cd_first_times, floor_times = [], [], []
    for _ in range(args.runs):
        default_times.append(seconds_to_hello(iso=iso))
        cd_first_times.append(seconds_to_hello(iso=iso, extra_args=CD_FIRST))
        floor_times.append(seconds_to_hello(drive=bootsector))
    cd_first_instructions = instructions_to_hello(iso=iso, extra_args=CD_FIRST)
    floor_instructions = instructions_to_hello(drive=bootsector)
    uefi = {True: [], False: []}
    for _ in range(args.uefi_runs):
        for boot_first in uefi:
            uefi[boot_first].append(uefi_boot(iso, boot_first))
    build_time = clean_build_seconds(os.path.join(build, "bench"))

    uefi_phases = {first: [t.hello - t.loading for t in times] for first, times in uefi.items()}
    uefi_totals = {first: [t.hello for t in times] for first, times in uefi.items()}
    iso_bytes = os.path.getsize(iso)
    rows = [
        ("measure", "value"),
        ("---", "---"),
        (f"BIOS: boot to `Hello World!` in VGA memory, QEMU's default boot order "
         f"(median of {args.runs})", seconds_cell(default_times)),
        ("BIOS: the same, CD first (`-boot d`, as `make run`)", seconds_cell(cd_first_times)),
        ("512-byte boot sector, same measure (floor)", seconds_cell(floor_times)),
        ("BIOS: default order / floor", ratio_cell(default_times, floor_times, 4.0)),
        ("BIOS: CD first / floor", ratio_cell(cd_first_times, floor_times, 3.0)),
        ("BIOS, CD first: the guest's instructions to `Hello World!` (`-icount`; one boot, "
         "nearly the same on every run)",
         f"{cd_first_instructions / 1e6:.1f} million (the floor: "
         f"{floor_instructions / 1e6:.1f} million)"),
        (f"UEFI: OVMF's `BdsDxe: loading` to `Hello World!` on COM1, the CD the boot device "
         f"(`bootindex=1`, as `make run-uefi`) (median of {args.uefi_runs})",
         f"{seconds_cell(uefi_phases[True])} (goal ≤ 0.16 s), of "
         f"{statistics.median(uefi_totals[True]):.2f} s from QEMU's start"),
        ("UEFI: the same, QEMU's default order (OVMF also starts the network card, whose iPXE "
         "driver stops it again inside ExitBootServices)",
         f"{seconds_cell(uefi_phases[False])}, of "
         f"{statistics.median(uefi_totals[False]):.2f} s from QEMU's start"),
        ("ISO size", f"{iso_bytes / 2**20:.2f} MiB ({iso_bytes:,} bytes; goal ≤ 1 MiB)"),
        ("longboot.elf (stripped, what boots) file / loaded",
         f"{os.path.getsize(kernel):,} bytes / {loaded_size(kernel):,} bytes"),
        ("kernel.elf (symbols and debug information, for gdb) file",
         f"{os.path.getsize(debug_kernel):,} bytes"),
        ("clean build (`make iso`)", f"{build_time:.1f} s"),
    ]
    report = host_line() + "\n\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)
    print(report, end="")
    with open(os.path.join(build, REPORT_FILE), "w") as out:
        out.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
