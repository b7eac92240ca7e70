"""compare.py: longboot's two ways to boot, on both firmwares, side by side, from one run.

GRUB boots build/longboot.elf through Multiboot2 and the kernel's 32-bit
trampoline; our own loaders, for BIOS (src/loader/bios/) and for UEFI
(src/loader/uefi/), jump to the same file's 64-bit entry. The four ways:
GRUB on BIOS and GRUB on UEFI (the one hybrid ISO), our BIOS loader (its
disk image), our UEFI loader (its ESP image). `make compare` runs this after
`make iso disk image esp-image uefi-floor`. It prints one Markdown table,
also written to BUILD/compare.md, with a column per way and image and
blog_os edition 2 as a reference column whose figures are given here, not
measured; and it draws where the BIOS boot time goes into BUILD/compare.svg
(compare_chart.py).

How it measures (boot_timing.py times the boots):
  - Every boot is QEMU under TCG, pc, 128M, SeaBIOS, with `-boot order=dc`:
    CD first, then hard disk. QEMU's default order has SeaBIOS try the hard
    disk and the floppy before the CD, which costs the ISO about 0.1 s that
    is no part of GRUB (`make bench` keeps the default). A disk image meets
    the empty CD drive QEMU adds first, which fails at once.
  - Each round boots the 512-byte floor (tools/bootsector.asm), the hybrid
    ISO and our loader's image, each timed from QEMU start until
    "Hello World!" is in VGA memory (boot_timing.seconds_to_hello: a write
    watchpoint, only the time the machine ran counted). The two longboot
    boots then run on to
    the kernel's halt, and the memory-map rows of their boot reports on
    COM1 are compared. Then the ISO and the image boot once more under
    QEMU's gdb stub, which splits the time into firmware, loader and kernel
    (boot_timing.boot_phases); its breakpoints cost a little time, so the
    totals come from the runs with the watchpoint alone.
  - The loader's first sign of life is taken as its first instruction, at
    0x7C00. Ours writes its banner a few instructions later; GRUB shows
    nothing of its own until "Welcome to GRUB!", after its core image has
    been read and unpacked (some 90 ms later in QEMU), so 0x7C00 is the
    point both paths share.
  - GRUB's BIOS disk image is sized but not timed: its grub.cfg waits 3 s
    in the menu, as a distribution's does.
  - UEFI boots are QEMU under TCG, q35, 128M, OVMF. Each round boots the
    UEFI floor (tools/uefi_floor.c: an EFI application on an ESP image of
    its own that writes "Hello World!" on COM1 and halts, so its time is
    the firmware's), the ISO and our ESP image, each timed from QEMU start
    until "Hello World!" is in the COM1 log, which is watched without
    stopping the guest (boot_timing.uefi_times). A framebuffer has no one cell to watch, and COM1 is
    where the floor can print. The same poll notes when OVMF's boot
    manager says it starts the EFI application: from there to the message
    is the loader's and the kernel's part. Both longboot boots then run on
    to the halt and their memory maps are compared, GRUB's type 20 read as
    reserved (uefi_comparable_map says why).
Figures are reported, not judged; the goals are printed beside them.
"""

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile

import boot_timing
import compare_chart
import gdb_remote
import qemu
from boot_timing import ROOT

BOOT_ORDER = ("-boot", "order=dc")
MAP_ROW_PREFIX = "  [0x"   # a memory-map row of the kernel's boot report
GRUB_ENTRY = "start"       # where GRUB jumps, in 32-bit protected mode
LOADER_ENTRY = "start64"   # where our loader jumps, in 64-bit mode
REPORT_FILE = "compare.md"  # in the build directory: the table, as printed
CHART_FILE = "compare.svg"  # in the build directory: where the time goes
GRUB_BOOT_SECTOR = "/usr/lib/grub/i386-pc/boot.img"  # the disk's MBR code, as grub-install puts it
ELTORITO_IN_ISO = "/boot/grub/i386-pc/eltorito.img"  # the ISO's BIOS boot image (tools/iso/mkiso.sh)
LOADER_SOURCES = "src/loader"
LOADER_IMAGE_TOOL = "tools/loader_image.py"
GRUB_PATH_SOURCES = ["src/arch/x86_64/boot/multiboot2_header.asm",
                     "src/arch/x86_64/boot/boot32.asm",
                     "src/arch/x86_64/boot/early_idt.asm"]
UEFI_LOADER_SOURCES = "src/loader/uefi"
# What both our loaders build from: counted in each one's lines.
SHARED_LOADER_SOURCES = ["src/loader/elf.c", "src/loader/elf.h", "src/loader/memory.c",
                         "src/loader/memory.h"]
# The tag writer only the UEFI loader builds (mbi_writer.h says why).
MBI_WRITER_SOURCES = ["src/loader/mbi_writer.c", "src/loader/mbi_writer.h"]
GRUB_EFI_IMAGE_IN_ISO = "/boot/grub/efi.img"  # make iso's UEFI El Torito image (FAT), tools/iso/mkiso.sh
GRUB_EFI_IN_IMAGE = "::/efi/boot/bootx64.efi"
UEFI_FLOOR_EFI = "uefi/floor/BOOTX64.EFI"   # in the build directory: the floor application
BUILT_FILES = {"iso": "longboot.iso", "disk": "longboot-disk.img",
               "image": "longboot-loader.img", "loader": "loader/loader.bin",
               "disk_core": "disk/core.img", "kernel": "kernel.elf",
               "esp": "longboot-esp.img", "uefi_loader": "uefi/BOOTX64.EFI",
               "uefi_floor": "compare/uefi-floor.img"}
# Each UEFI medium is the boot device (qemu.boot_medium), as BIOS boots the CD first.
UEFI_MACHINE = {"machine": "q35", "memory": "128M", "firmware": "uefi", "boot_first": True}
GRUB_CODE_TYPE = "reserved (type 20)"  # how the kernel shows GRUB's runtime-services code

# blog_os edition 2's post-02 kernel ("A Minimal Rust Kernel") in the image
# `cargo bootimage` builds with the bootloader crate 0.9, as measured for
# issue 10 on this kind of machine (2-CPU VM, the same QEMU under TCG).
BLOG_OS_IMAGE_BYTES = 61952
BLOG_OS_FLOOR_RATIO = 2    # "about 2x the floor"

GOAL_FLOOR_RATIO = 1.3
GOAL_IMAGE_BYTES = BLOG_OS_IMAGE_BYTES
GOAL_LOADER_BYTES = 4096
GOAL_UEFI_FLOOR_RATIO = 1.03
GOAL_UEFI_LOADER_BYTES = 32 * 1024

# The table's columns, then what each column's build and design are; the
# tools are the Makefile's rules (iso, disk.mk, loader.mk) beyond the kernel's.
COLUMNS = ["GRUB: hybrid ISO on BIOS", "GRUB: hybrid ISO on UEFI", "GRUB: BIOS disk image",
           "our BIOS loader: disk image", "our UEFI loader: ESP image",
           "blog_os edition 2 (reference, not measured in this run)"]
NOT_SPLIT = "no 0x7C00 on UEFI"
NOT_TIMED = "not timed (3 s menu)"
NOT_APPLICABLE = "—"
KERNEL_TOOLS = "gcc or clang, ld, objcopy, nasm, grub-file"
ISO_TOOLS = ("the kernel's, grub-mkimage, GRUB's i386-pc and x86_64-efi files, xorriso, "
             "mtools, lzop")
HOST_TOOLS = [ISO_TOOLS, "the same ISO",
              "the kernel's, grub-mkimage, grub-script-check, GRUB's i386-pc files, sfdisk, "
              "mke2fs, python3",
              "the kernel's, python3",
              "the kernel's, clang (target x86_64-unknown-windows), lld-link, mtools, sfdisk",
              "Rust nightly with rust-src and llvm-tools-preview, cargo bootimage"]
FIRMWARE = ["BIOS (El Torito) and UEFI", "the same ISO",
            "BIOS (MBR); UEFI from a second image, longboot-uefi-disk.img",
            "BIOS (MBR)",
            "UEFI x86-64 (GPT, EFI system partition)",
            "BIOS (bootloader 0.9)"]
KERNEL_DUTY = ["a 32-bit trampoline: `start` checks the magic, CPUID, long mode and PAE, "
               "builds the page tables, loads its GDT and early IDTs, turns on paging "
               "and long mode",
               "the same trampoline (GRUB leaves UEFI's long mode for 32-bit protected mode)",
               "the same trampoline",
               "no trampoline: `start64`, found through an ELF note, is entered in long "
               "mode and only reloads the kernel's GDT and early IDT",
               "no trampoline: the same `start64`",
               "no trampoline: `_start` is entered in long mode with the kernel mapped"]
PHASE_LABELS = {"firmware": "firmware until the loader's first instruction (0x7C00)",
                "loader": "loader until the kernel's entry",
                "kernel": "kernel until `Hello World!`"}

# What the rounds measured: the floors' seconds (BIOS, UEFI); per path
# ("iso", "loader", "iso_uefi", "loader_uefi") the seconds to the message;
# per BIOS path the Phases under the stub, per UEFI path (and "floor") the
# seconds from OVMF starting the EFI application to the message; per round
# and firmware the memory-map rows of GRUB's boot and of ours.
Run = collections.namedtuple("Run", "floor uefi_floor seconds phases application maps uefi_maps")


def symbol_addresses(kernel, names):
    """The addresses of `names` in the kernel's symbol table, through nm."""
    listing = subprocess.run(["nm", kernel], stdout=subprocess.PIPE, text=True,
                             check=True).stdout
    addresses = {fields[2]: int(fields[0], 16) for fields in map(str.split, listing.splitlines())
                 if len(fields) == 3 and fields[2] in names}
    missing = set(names) - set(addresses)
    if missing:
        sys.exit(f"compare: {kernel} has no symbol {', '.join(sorted(missing))}")
    return addresses


def iso_file_size(iso, path):
    """The size of one file inside the ISO, extracted with xorriso."""
    with tempfile.TemporaryDirectory(prefix="longboot-compare-") as directory:
        copy = os.path.join(directory, os.path.basename(path))
        result = subprocess.run(["xorriso", "-osirrox", "on", "-indev", iso,
                                 "-extract", path, copy],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            sys.exit(f"compare: xorriso could not extract {path} from {iso}:\n{result.stdout}")
        return os.path.getsize(copy)


def grub_efi_size(iso):
    """The size of GRUB's EFI application inside the ISO's UEFI boot image."""
    with tempfile.TemporaryDirectory(prefix="longboot-compare-") as directory:
        efi_image = os.path.join(directory, "efi.img")
        result = subprocess.run(["xorriso", "-osirrox", "on", "-indev", iso,
                                 "-extract", GRUB_EFI_IMAGE_IN_ISO, efi_image],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            sys.exit(f"compare: xorriso could not extract {GRUB_EFI_IMAGE_IN_ISO} from {iso}:\n"
                     f"{result.stdout}")
        application = os.path.join(directory, "bootx64.efi")
        subprocess.run(["mcopy", "-i", efi_image, GRUB_EFI_IN_IMAGE, application], check=True)
        return os.path.getsize(application)


def line_count(paths):
    total = 0
    for path in paths:
        with open(os.path.join(ROOT, path), "rb") as source:
            total += source.read().count(b"\n")
    return total


def sources_under(folder):
    return [os.path.relpath(os.path.join(directory, name), ROOT)
            for directory, _, names in os.walk(os.path.join(ROOT, folder))
            for name in names]


def bios_loader_sources():
    """Everything under src/loader/ but the UEFI loader's own files."""
    uefi = set(sources_under(UEFI_LOADER_SOURCES)) | set(MBI_WRITER_SOURCES)
    return [path for path in sources_under(LOADER_SOURCES) if path not in uefi]


def uefi_loader_sources():
    return sources_under(UEFI_LOADER_SOURCES) + SHARED_LOADER_SOURCES + MBI_WRITER_SOURCES


def memory_map(serial):
    return [line for line in serial.splitlines() if line.startswith(MAP_ROW_PREFIX)]


def uefi_comparable_map(serial):
    """The map rows as (first, last, type), with GRUB's one difference on
    UEFI undone: GRUB reports EFI runtime-services code as type 20, its
    own internal number, where our loader says reserved, as ACPI's table of
    UEFI memory types does (docs/uefi.md §3); so GRUB's type 20 is read as
    reserved, and touching rows of one type are then merged, as our loader
    merges them. tests/boot/test_uefi_loader.py compares maps this way too."""
    rows = []
    for line in memory_map(serial):
        head, rest = line[len("  ["):].split("] ", 1)
        first, last = (int(value, 16) for value in head.split("-"))
        kind = rest.split(" ", 2)[2]
        if kind == GRUB_CODE_TYPE:
            kind = "reserved"
        if rows and rows[-1][2] == kind and rows[-1][1] + 1 == first:
            rows[-1] = (rows[-1][0], last, kind)
        else:
            rows.append((first, last, kind))
    return rows


def timed_boot(**medium):
    """Seconds from QEMU start to "Hello World!", and the memory map the
    kernel then reports before its halt."""
    with qemu.Machine(gdb=True, **medium) as machine, \
            gdb_remote.GdbRemote(machine.gdb_socket, boot_timing.BOOT_TIMEOUT) as stub:
        seconds = boot_timing.hello_under_stub(machine, stub)
        stub.detach()
        machine.wait_for_halt()
        return seconds, memory_map(machine.serial())


def timed_uefi_boot(**medium):
    """boot_timing.UefiTimes under OVMF, and the memory map the kernel then
    reports before its halt."""
    with qemu.Machine(**UEFI_MACHINE, **medium) as machine:
        times = boot_timing.uefi_times(machine)
        machine.wait_for_halt(timeout=boot_timing.BOOT_TIMEOUT)
        return times, uefi_comparable_map(machine.serial())


def measure(rounds, floors, media, uefi_media, entries):
    """Boots the floors and each path in `media` (BIOS) and `uefi_media` in
    every round; returns a Run."""
    paths = list(media) + list(uefi_media)
    run = Run([], [], {path: [] for path in paths}, {path: [] for path in media},
              {path: [] for path in ["floor", *uefi_media]}, [], [])
    for number in range(1, rounds + 1):
        print(f"compare: round {number} of {rounds}", file=sys.stderr)
        run.floor.append(boot_timing.seconds_to_hello(drive=floors["bios"], extra_args=BOOT_ORDER))
        maps = {}
        for path, medium in media.items():
            seconds, maps[path] = timed_boot(extra_args=BOOT_ORDER, **medium)
            run.seconds[path].append(seconds)
        run.maps.append((maps["iso"], maps["loader"]))
        with qemu.Machine(drive=floors["uefi"], **UEFI_MACHINE) as machine:
            times = boot_timing.uefi_times(machine)
        run.uefi_floor.append(times.hello)
        run.application["floor"].append(times.hello - times.starting)
        for path, medium in uefi_media.items():
            times, maps[path] = timed_uefi_boot(**medium)
            run.seconds[path].append(times.hello)
            run.application[path].append(times.hello - times.starting)
        run.uefi_maps.append((maps["iso_uefi"], maps["loader_uefi"]))
        for path, medium in media.items():
            run.phases[path].append(
                boot_timing.boot_phases(entries[path], extra_args=BOOT_ORDER, **medium))
    return run


def seconds_cell(times):
    return (f"{statistics.median(times):.3f} s "
            f"(min {min(times):.3f}, max {max(times):.3f})")


def median_phases(runs):
    return boot_timing.Phases(*(statistics.median(phase) for phase in zip(*runs)))


def map_cell(maps, how=""):
    differing = [number for number, (grub, ours) in enumerate(maps, 1) if grub != ours]
    if not differing:
        return f"identical{how} in {len(maps)} of {len(maps)} rounds ({len(maps[0][0])} rows)"
    grub, ours = maps[differing[0] - 1]
    return (f"different in {len(differing)} of {len(maps)} rounds (first in round "
            f"{differing[0]}: GRUB's {len(grub)} rows, ours {len(ours)})")


def met(condition):
    return "met" if condition else "not met"


def table(run, sizes, loader_bytes, lines):
    """The Markdown table, and the notes under it, as text."""
    floor = statistics.median(run.floor)
    uefi_floor = statistics.median(run.uefi_floor)
    ratio = {path: statistics.median(seconds) / (uefi_floor if path.endswith("_uefi") else floor)
             for path, seconds in run.seconds.items()}
    split = {path: median_phases(phases) for path, phases in run.phases.items()}
    same_map = map_cell(run.maps)
    same_uefi_map = map_cell(run.uefi_maps, ", GRUB's type 20 read as reserved,")
    seconds = {path: seconds_cell(times) for path, times in run.seconds.items()}
    rows = [
        ("image bytes", [f"{sizes['iso']:,}", f"{sizes['iso']:,} (the same ISO)",
                         f"{sizes['disk']:,}", f"{sizes['image']:,}", f"{sizes['esp']:,}",
                         f"{BLOG_OS_IMAGE_BYTES:,} (bootloader and kernel)"]),
        ("loader bytes alone",
         [f"{loader_bytes['iso']:,} (eltorito.img: El Torito boot and GRUB's core image)",
          f"{loader_bytes['iso_uefi']:,} (BOOTX64.EFI in efi.img: GRUB's core image)",
          f"{loader_bytes['disk']:,} (boot.img and core.img)",
          f"{loader_bytes['image']:,} (loader.bin: stage 1 and stage 2)",
          f"{loader_bytes['esp']:,} (BOOTX64.EFI)", NOT_APPLICABLE]),
        (f"boot to `Hello World!` (BIOS: in VGA memory; UEFI: on COM1), median of "
         f"{len(run.floor)} (min, max)",
         [seconds["iso"], seconds["iso_uefi"], NOT_TIMED, seconds["loader"],
          seconds["loader_uefi"], NOT_APPLICABLE]),
        (f"the same ÷ its firmware's floor (BIOS: the 512-byte boot sector's "
         f"{seconds_cell(run.floor)}; UEFI: the EFI floor application's "
         f"{seconds_cell(run.uefi_floor)})",
         [f"{ratio['iso']:.2f}×", f"{ratio['iso_uefi']:.2f}×", NOT_TIMED,
          f"{ratio['loader']:.2f}×", f"{ratio['loader_uefi']:.2f}×",
          f"about {BLOG_OS_FLOOR_RATIO}×"]),
    ]
    rows += [(f"{label}, median (gdb stub)",
              [f"{getattr(split['iso'], phase):.3f} s", NOT_SPLIT, NOT_TIMED,
               f"{getattr(split['loader'], phase):.3f} s", NOT_SPLIT, NOT_APPLICABLE])
             for phase, label in PHASE_LABELS.items()]
    application = {path: f"{statistics.median(times):.3f} s"
                   for path, times in run.application.items()}
    own_part = statistics.median(run.application["loader_uefi"])
    rows.append((f"UEFI: from OVMF starting the EFI application (its `BdsDxe: starting` "
                 f"line) until `Hello World!` on COM1, median (the floor: "
                 f"{application['floor']})",
                 [NOT_APPLICABLE, application["iso_uefi"], NOT_TIMED, NOT_APPLICABLE,
                  application["loader_uefi"], NOT_APPLICABLE]))
    rows += [
        ("memory map in the boot report, GRUB's against ours on the same firmware",
         [same_map, same_uefi_map, NOT_APPLICABLE, same_map, same_uefi_map, NOT_APPLICABLE]),
        ("host tools to build the image", HOST_TOOLS),
        ("firmware supported", FIRMWARE),
        ("lines of loader code we maintain",
         [f"{lines['grub']} (the trampoline)", f"{lines['grub']} (the trampoline)",
          f"{lines['grub']} (the trampoline)",
          f"{lines['loader']} ({LOADER_SOURCES}/ but the UEFI loader's files)",
          f"{lines['uefi']} ({UEFI_LOADER_SOURCES}/, the shared elf and memory files, "
          f"mbi_writer)", "none (an upstream crate)"]),
        ("what the kernel does itself", KERNEL_DUTY),
    ]
    markdown = [f"| measure | {' | '.join(COLUMNS)} |", "|---" * (len(COLUMNS) + 1) + "|"]
    markdown += [f"| {label} | {' | '.join(cells)} |" for label, cells in rows]

    notes = [
        f"Goals: our BIOS loader's boot ≤ {GOAL_FLOOR_RATIO}× the floor ({ratio['loader']:.2f}×: "
        f"{met(ratio['loader'] <= GOAL_FLOOR_RATIO)}); its image ≤ {GOAL_IMAGE_BYTES:,} bytes "
        f"({met(sizes['image'] <= GOAL_IMAGE_BYTES)}); the loader alone ≤ "
        f"{GOAL_LOADER_BYTES:,} bytes ({met(loader_bytes['image'] <= GOAL_LOADER_BYTES)}); "
        f"our UEFI loader's boot ≤ {GOAL_UEFI_FLOOR_RATIO}× the UEFI floor "
        f"({ratio['loader_uefi']:.2f}×: {met(ratio['loader_uefi'] <= GOAL_UEFI_FLOOR_RATIO)}); "
        f"its BOOTX64.EFI ≤ {GOAL_UEFI_LOADER_BYTES:,} bytes "
        f"({met(loader_bytes['esp'] <= GOAL_UEFI_LOADER_BYTES)}). Once OVMF starts it, our UEFI "
        f"loader and the kernel take {own_part:.3f} s, "
        f"{(uefi_floor + own_part) / uefi_floor:.3f}× on the UEFI floor's median; the "
        f"firmware's own time moves by a second and more between boots.",
        f"Boots: QEMU under TCG, pc, 128M, SeaBIOS, `{' '.join(BOOT_ORDER)}` (CD, then hard "
        "disk), the floor, the ISO and our image in turn in each round, timed from QEMU start "
        "until `Hello World!` is in VGA memory (a write watchpoint on its last cell through "
        "QEMU's gdb stub; only the time the machine ran counts). Ratios are of medians.",
        f"UEFI boots: QEMU under TCG, q35, 128M, OVMF ({os.path.basename(qemu.OVMF_CODE)}), "
        "each medium the boot device (`bootindex=1`: OVMF then starts only it, not also the "
        "network card, whose iPXE driver would stop the card again inside ExitBootServices), "
        "in the same rounds: the UEFI floor (tools/uefi_floor.c, an EFI application of "
        f"{sizes['uefi_floor_efi']:,} bytes that writes `Hello World!` on COM1 and halts, on "
        "an ESP image of its own), the ISO and our ESP image, each timed from QEMU start until "
        "`Hello World!` is in the COM1 log (read every "
        f"{boot_timing.SERIAL_POLL * 1000:.0f} ms from the host, which does not stop the "
        "guest). The same poll notes when OVMF's boot manager says on COM1 that it starts the "
        "EFI application: the row after the BIOS phases is the time from there, the loader "
        "and the kernel together. On a shared machine the firmware's own time moves by "
        "seconds between boots, far more than any loader adds; that row shows what the "
        "loaders add.",
        "Phases: one more boot of each BIOS path per round under QEMU's gdb stub, the host's "
        "clock read at a hardware breakpoint at 0x7C00, one at the kernel's entry (`start` for "
        "GRUB, `start64` for ours) and a write watchpoint on the message's last cell. Only the "
        "time the machine ran counts; the firmware phase includes QEMU's start-up until the "
        "stub first answers. The totals come from boots with the watchpoint alone, so the "
        f"phases add up to about the total, not exactly: here {sum(split['iso']):.3f} s for "
        f"GRUB and {sum(split['loader']):.3f} s for ours.",
        "Memory maps on UEFI: GRUB reports EFI runtime-services code as type 20, its own "
        "number, where our loader says reserved (2), as ACPI's table of UEFI memory types "
        "does; GRUB's type 20 is read as reserved and touching rows of one type merged before "
        "comparing. Every address and every other type must be equal.",
        "Loader bytes: the boot code read before any file, our stage 1 and stage 2 against "
        "GRUB's boot sector and core image; GRUB then reads more modules from /boot/grub. On "
        "UEFI, the EFI application the firmware starts, ours against GRUB's.",
        f"Lines, blank and comment lines included: every file of the loader (asm, C, headers, "
        f"linker script, make file); the UEFI loader also counts elf.c, memory.c and their "
        f"headers, which both loaders build, and uses the kernel's COM1 driver and framebuffer "
        f"console, not counted. For GRUB, what the kernel keeps for it: "
        f"{', '.join(os.path.basename(path) for path in GRUB_PATH_SOURCES)}, whole files "
        f"(early_idt.asm also serves `start64`). Not counted: {LOADER_IMAGE_TOOL} "
        f"({lines['image_tool']} lines), which lays out our BIOS image, nor tools/disk/ for "
        f"GRUB's. Host tools: the kernel's are {KERNEL_TOOLS}.",
        "blog_os edition 2: the post-02 kernel (\"A Minimal Rust Kernel\") in the image "
        "`cargo bootimage` builds with the bootloader crate 0.9, measured for issue 10 on this "
        "kind of machine (2-CPU VM, the same QEMU under TCG) against the same floor, as this "
        "project then measured, by polling VGA memory over QMP, which reads somewhat higher "
        "than the watchpoint; not measured in this run.",
    ]
    return "\n".join(markdown) + "\n\n" + "".join(f"- {note}\n" for note in notes)


def chart(run):
    bars = [(name, median_phases(run.phases[path]),
             f"total {statistics.median(run.seconds[path]):.3f} s without the stub")
            for path, name in (("iso", "GRUB on BIOS: hybrid ISO"),
                               ("loader", "our BIOS loader"))]
    return compare_chart.timeline_svg(
        bars, statistics.median(run.floor),
        f"Where the boot time goes: medians of {len(run.floor)} "
        f"boot{'s' if len(run.floor) != 1 else ''} each",
        boot_timing.host_line())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds of boots (default 7)")
    parser.add_argument("--build", default=os.environ.get("BUILD", "build"),
                        help="build directory holding the images and kernel.elf")
    args = parser.parse_args()
    build = os.path.join(ROOT, args.build)
    files = {name: os.path.join(build, path) for name, path in BUILT_FILES.items()}
    for path in files.values():
        if not os.path.isfile(path):
            sys.exit(f"compare: {path} does not exist; run `make compare`, which builds it.")

    sizes = {name: os.path.getsize(path) for name, path in files.items()}
    sizes["uefi_floor_efi"] = os.path.getsize(os.path.join(build, UEFI_FLOOR_EFI))
    loader_bytes = {"iso": iso_file_size(files["iso"], ELTORITO_IN_ISO),
                    "iso_uefi": grub_efi_size(files["iso"]),
                    "disk": os.path.getsize(GRUB_BOOT_SECTOR) + sizes["disk_core"],
                    "image": sizes["loader"], "esp": sizes["uefi_loader"]}
    lines = {"loader": line_count(bios_loader_sources()), "grub": line_count(GRUB_PATH_SOURCES),
             "uefi": line_count(uefi_loader_sources()),
             "image_tool": line_count([LOADER_IMAGE_TOOL])}
    symbols = symbol_addresses(files["kernel"], [GRUB_ENTRY, LOADER_ENTRY])
    entries = {"iso": symbols[GRUB_ENTRY], "loader": symbols[LOADER_ENTRY]}
    media = {"iso": {"iso": files["iso"]}, "loader": {"drive": files["image"]}}
    uefi_media = {"iso_uefi": {"iso": files["iso"]}, "loader_uefi": {"drive": files["esp"]}}
    floors = {"bios": boot_timing.assemble_floor(os.path.join(build, "compare")),
              "uefi": files["uefi_floor"]}

    run = measure(args.rounds, floors, media, uefi_media, entries)
    report = boot_timing.host_line() + "\n\n" + table(run, sizes, loader_bytes, lines)
    print(report, end="")
    with open(os.path.join(build, REPORT_FILE), "w") as out:
        out.write(report)
    with open(os.path.join(build, CHART_FILE), "w") as out:
        out.write(chart(run))
    return 0


if __name__ == "__main__":
    sys.exit(main())
