"""bench.py: how fast longboot boots, how big it is, how long it takes to build.

`make bench` runs this after `make iso`. It measures, on this machine:
  - boot time: from just before QEMU starts (TCG, pc, 128M, SeaBIOS) until
    "Hello World!" is in row 0 of VGA text memory (boot_timing.py: a write
    watchpoint through QEMU's gdb stub, only the time the machine ran
    counted); the median, min and max of --runs boots;
  - the floor: the same measure for tools/bootsector.asm, a 512-byte boot
    sector that only writes "Hello World!", booted alternately with the ISO
    so that both see the same load on the host;
  - the ISO size, the booted kernel's (longboot.elf, stripped) file size
    and its loaded size (the sum of its PT_LOAD segments' memory sizes);
  - a clean build: `make iso` into a fresh, temporary build directory.
It prints a Markdown table for the README and writes it to BUILD/bench.md.
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

from boot_timing import ROOT, assemble_floor, host_line, seconds_to_hello

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


def clean_build_seconds():
    """Times `make iso` into a temporary build directory, which is then removed."""
    # Without the caller's MAKEFLAGS: no -j or jobserver from `make -jN bench`,
    # and no BUILD= override, so every run measures the same serial build.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS")}
    with tempfile.TemporaryDirectory(prefix="longboot-bench-build-") as build:
        start = time.monotonic()
        result = subprocess.run(["make", "--no-print-directory", f"BUILD={build}", "iso"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        elapsed = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"bench: the clean build failed:\n{result.stdout}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="boots of each image (default 7)")
    parser.add_argument("--build", default=os.environ.get("BUILD", "build"),
                        help="build directory holding longboot.iso and longboot.elf")
    args = parser.parse_args()
    build = os.path.join(ROOT, args.build)
    iso = os.path.join(build, "longboot.iso")
    kernel = os.path.join(build, "longboot.elf")
    for path in (iso, kernel):
        if not os.path.isfile(path):
            sys.exit(f"bench: {path} does not exist; run `make iso` first (or `make bench`).")

    bootsector = assemble_floor(os.path.join(build, "bench"))

    longboot_times, floor_times = [], []
    for _ in range(args.runs):
        longboot_times.append(seconds_to_hello(iso=iso))
        floor_times.append(seconds_to_hello(drive=bootsector))
    build_time = clean_build_seconds()

    def boot_cell(times):
        return (f"{statistics.median(times):.2f} s "
                f"(min {min(times):.2f}, max {max(times):.2f})")

    iso_bytes = os.path.getsize(iso)
    rows = [
        ("measure", "value"),
        ("---", "---"),
        (f"boot to `Hello World!` in VGA memory (median of {args.runs})", boot_cell(longboot_times)),
        ("512-byte boot sector, same measure (floor)", boot_cell(floor_times)),
        ("ISO size", f"{iso_bytes / 2**20:.1f} MiB ({iso_bytes} bytes)"),
        ("longboot.elf (stripped, what boots) file / loaded",
         f"{os.path.getsize(kernel) / 1024:.0f} KiB / {loaded_size(kernel) / 1024:.0f} KiB"),
        ("clean build (`make iso`)", f"{build_time:.1f} s"),
    ]
    report = host_line() + "\n\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)
    print(report, end="")
    with open(os.path.join(build, "bench.md"), "w") as out:
        out.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
