"""`make bench` with one round: it boots the ISO both ways on BIOS, the
floor and the ISO on UEFI, times a clean build, and prints the table the
README quotes. Its times come from a single round on a shared machine, so
none is checked against its goal; the sizes are facts and must be exact.
"""

import os
import re
import subprocess

import pytest

from bench import REPORT_FILE
from conftest import BUILD, make_report

SECONDS = r"\d+\.\d\d s \(min \d+\.\d\d, max \d+\.\d\d\)"
ROWS = {
    "BIOS: boot to `Hello World!` in VGA memory, QEMU's default boot order (median of 1)":
        SECONDS,
    "BIOS: the same, CD first (`-boot d`, as `make run`)": SECONDS,
    "512-byte boot sector, same measure (floor)": SECONDS,
    "BIOS: default order / floor": r"\d+\.\d\d× \(goal ≤ 4\.0×\)",
    "BIOS: CD first / floor": r"\d+\.\d\d× \(goal ≤ 3\.0×\)",
    "BIOS, CD first: the guest's instructions to `Hello World!` (`-icount`; one boot, "
    "nearly the same on every run)": r"\d+\.\d million \(the floor: \d+\.\d million\)",
    "UEFI: OVMF's `BdsDxe: loading` to `Hello World!` on COM1, the CD the boot device "
    "(`bootindex=1`, as `make run-uefi`) (median of 1)":
        SECONDS + r" \(goal ≤ 0\.16 s\), of \d+\.\d\d s from QEMU's start",
    "UEFI: the same, QEMU's default order (OVMF also starts the network card, whose iPXE "
    "driver stops it again inside ExitBootServices)":
        SECONDS + r", of \d+\.\d\d s from QEMU's start",
    "ISO size": r"\d\.\d\d MiB \((?P<iso>[\d,]+) bytes; goal ≤ 1 MiB\)",
    "longboot.elf (stripped, what boots) file / loaded":
        r"(?P<stripped>[\d,]+) bytes / (?P<loaded>[\d,]+) bytes",
    "kernel.elf (symbols and debug information, for gdb) file": r"(?P<debug>[\d,]+) bytes",
    "clean build (`make iso`)": r"\d+\.\d s",
}


@pytest.fixture(scope="module")
def bench():
    return make_report("bench", REPORT_FILE)


def table(report):
    return {cells[0].strip(): cells[1].strip() for cells in
            (line.strip("|").split(" | ") for line in report.splitlines()
             if line.startswith("| ") and not line.startswith("| ---"))}


def loaded_size(elf):
    """The sum of the LOAD segments' memory sizes, as readelf reads them."""
    segments = subprocess.run(["readelf", "-lW", elf], check=True, stdout=subprocess.PIPE,
                              text=True).stdout
    return sum(int(fields[5], 16) for fields in
               (line.split() for line in segments.splitlines()) if fields[:1] == ["LOAD"])


def test_bench_prints_the_report_it_writes(bench):
    stdout, report = bench
    assert report in stdout, f"{REPORT_FILE} is not what make bench printed:\n{stdout}"


def test_bench_has_every_row_in_its_form(bench):
    _, report = bench
    rows = table(report)
    assert list(rows) == ["measure", *ROWS], report
    wrong = {label: rows[label] for label, form in ROWS.items()
             if not re.fullmatch(form, rows[label])}
    assert wrong == {}, f"rows not in their form:\n{report}"


def test_bench_sizes_are_the_files_own(bench):
    _, report = bench
    found = {}
    for label, form in ROWS.items():
        found.update(re.fullmatch(form, table(report)[label]).groupdict())
    sizes = {name: int(value.replace(",", "")) for name, value in found.items()}
    assert sizes == {
        "iso": os.path.getsize(os.path.join(BUILD, "longboot.iso")),
        "stripped": os.path.getsize(os.path.join(BUILD, "longboot.elf")),
        "loaded": loaded_size(os.path.join(BUILD, "longboot.elf")),
        "debug": os.path.getsize(os.path.join(BUILD, "kernel.elf")),
    }, report


def test_bench_clean_build_leaves_nothing_behind(bench):
    assert [name for name in os.listdir(os.path.join(BUILD, "bench"))
            if name.startswith("clean-build")] == []
