"""`make compare` with one round: it builds the images, boots each way on
both firmwares, and
prints the one table the README quotes, with every row and column, and
draws the chart. Its figures come from a single round on a shared machine,
so none is checked against a goal or a bound; only that each is there."""

import os
import re
import xml.etree.ElementTree as ElementTree

import pytest

from compare import CHART_FILE, REPORT_FILE
from conftest import BUILD, make_report

COLUMNS = ["GRUB: hybrid ISO on BIOS", "GRUB: hybrid ISO on UEFI", "GRUB: BIOS disk image",
           "our BIOS loader", "our UEFI loader",
           "blog_os edition 2 (reference, not measured in this run)"]
ROWS = ["image bytes", "loader bytes alone", "boot to `Hello World!`",
        "÷ its firmware's floor", "firmware until the loader's first instruction",
        "loader until the kernel's entry", "kernel until `Hello World!`",
        "from OVMF starting the EFI application",
        "memory map in the boot report", "host tools", "firmware supported",
        "lines of loader code we maintain", "what the kernel does itself"]
PHASES = ["firmware", "loader", "kernel"]
SVG = "{http://www.w3.org/2000/svg}"
NUMBER = r"\d+\.\d{3}"
SECONDS = NUMBER + " s"


@pytest.fixture(scope="module")
def compare():
    return make_report("compare", REPORT_FILE)


def table_rows(report):
    """The table's lines, split into cells; the table must be the only one."""
    lines = report.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("|"))
    table = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        table.append([cell.strip() for cell in line.strip("|").split("|")])
    rest = lines[first + len(table):]
    assert not any(line.startswith("|") for line in rest), "more than one table:\n" + report
    return table


def row(table, label):
    found = [cells for cells in table if label in cells[0]]
    assert len(found) == 1, f"expected one row {label!r}, found {len(found)}"
    return found[0][1:]


def test_compare_prints_the_report_it_writes(compare):
    stdout, report = compare
    assert report in stdout, f"{REPORT_FILE} is not what make compare printed:\n{stdout}"


def test_table_has_a_column_per_way_to_boot_and_every_row(compare):
    table = table_rows(compare[1])
    header = table[0][1:]
    for column in COLUMNS:
        assert any(column in cell for cell in header), f"no column {column!r} in {header}"
    assert all(len(cells) == len(COLUMNS) + 1 for cells in table), \
        "rows with the wrong number of cells:\n" + "\n".join(map(str, table))
    for label in ROWS:
        cells = row(table, label)
        assert all(cells), f"an empty cell in row {label!r}: {cells}"


def test_all_four_paths_are_timed_against_their_floor_and_bios_split_into_phases(compare):
    table = table_rows(compare[1])
    timed = row(table, "boot to `Hello World!`")
    for cell in timed[:2] + timed[3:5]:
        assert re.fullmatch(fr"{SECONDS} \(min {NUMBER}, max {NUMBER}\)", cell), cell
    ratios = row(table, "÷ its firmware's floor")
    for cell in ratios[:2] + ratios[3:5]:
        assert re.fullmatch(r"\d+\.\d\d×", cell), ratios
    assert "2×" in ratios[5]
    for label in ROWS[4:7]:
        grub, grub_uefi, _, ours, ours_uefi, _ = row(table, label)
        assert re.fullmatch(SECONDS, grub) and re.fullmatch(SECONDS, ours), (label, grub, ours)
        assert grub_uefi == ours_uefi == "no 0x7C00 on UEFI", (grub_uefi, ours_uefi)
    application = row(table, "from OVMF starting the EFI application")
    assert re.fullmatch(SECONDS, application[1]) and re.fullmatch(SECONDS, application[4]), \
        application


def test_memory_maps_of_the_loaders_on_each_firmware_were_compared(compare):
    grub, grub_uefi, _, ours, ours_uefi, _ = row(table_rows(compare[1]), "memory map")
    assert grub == ours and grub_uefi == ours_uefi
    assert re.fullmatch(r"identical in 1 of 1 rounds \(\d+ rows\)", grub), grub
    assert re.fullmatch(r"identical, GRUB's type 20 read as reserved, in 1 of 1 rounds "
                        r"\(\d+ rows\)", ours_uefi), ours_uefi


def test_goals_are_shown_beside_the_figures(compare):
    goals = [line for line in compare[1].splitlines() if line.startswith("- Goals:")]
    assert len(goals) == 1, compare[1]
    assert goals[0].count("met)") == 5, goals[0]


def test_chart_has_one_bar_per_path_split_into_the_phases(compare):
    chart = ElementTree.parse(os.path.join(BUILD, CHART_FILE)).getroot()
    bars = [group for group in chart.iter(f"{SVG}g") if group.get("class") == "bar"]
    assert len(bars) == 2, f"expected a bar for GRUB and one for our loader, found {len(bars)}"
    for bar in bars:
        phases = [rect.get("class") for rect in bar.iter(f"{SVG}rect")]
        assert phases == PHASES, phases
        assert all(float(rect.get("width")) > 0 for rect in bar.iter(f"{SVG}rect"))
