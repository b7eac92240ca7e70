"""Boot tests of the boot report (issue 3): what GRUB passed, shown on screen.

The ISO here boots with a command line holding a quoted argument and
with one module, on pc and q35 with 128M, 1G and 4G (where RAM continues
above 4 GiB). Each test reads the VGA text buffer.
"""

import re

import pytest

import qemu

COMMAND_LINE = 'hello key=value "two words"'
MODULE_TEXT = b"hello from a module\n"
MEMORY = {"128M": 128 << 20, "1G": 1 << 30, "4G": 4 << 30}
MACHINES = [(machine, memory) for machine in ("pc", "q35") for memory in MEMORY]
# RAM the firmware keeps for itself inside -m: the BIOS area below 1 MiB
# (at most 384 KiB) and ACPI tables at the top of low RAM (at most 1 MiB).
FIRMWARE_HOLES = 2 << 20
MAP_ROW = re.compile(r"^  \[0x([0-9a-f]+)-0x([0-9a-f]+)\] .* (\S+)$")


@pytest.fixture(scope="module")
def report_iso(make_iso):
    return make_iso(f"    multiboot2 /boot/kernel.elf {COMMAND_LINE}\n"
                    "    module2 /boot/hello.txt hello-module",
                    {"boot/hello.txt": MODULE_TEXT})


@pytest.fixture(scope="module", params=MACHINES, ids=[f"{m}-{r}" for m, r in MACHINES])
def screen(request, report_iso):
    machine, memory = request.param
    with qemu.Machine(report_iso, machine=machine, memory=memory) as vm:
        vm.wait_for_halt()
        lines = vm.screen_lines()
        yield {"lines": lines, "serial": vm.serial(), "memory": MEMORY[memory],
               "text": "\n".join(lines)}


def line_starting(screen, label):
    found = [line for line in screen["lines"] if line.startswith(label)]
    assert found, f"no line starting {label!r} on screen:\n{screen['text']}"
    return found[0]


def test_report_names_the_loader(screen):
    """GRUB names itself with its package version ("GRUB 2.06-13+deb12u2" on
    Debian 12); any GRUB 2 release will do."""
    line = line_starting(screen, "Loader:")
    assert re.fullmatch(r"Loader:    GRUB 2\.\d+\S*", line), line


def test_report_shows_exact_command_line(screen):
    assert line_starting(screen, "Command:") == f"Command:   {COMMAND_LINE}"


def test_report_lists_the_module(screen):
    line = line_starting(screen, "Modules:")
    assert re.fullmatch(r'Modules:   "hello-module" at 0x[0-9a-f]+, 20 B', line), line


def test_report_shows_text_mode_and_acpi(screen):
    assert line_starting(screen, "Display:") == "Display:   EGA text 80x25 at 0xb8000"
    assert line_starting(screen, "ACPI:").startswith('ACPI:      RSDP revision 0 (ACPI 1.0), OEM "BOCHS "')


def test_usable_ram_matches_the_map_and_qemu_memory_size(screen):
    usable_kib = int(re.search(r"usable \((\d+) KiB\)", line_starting(screen, "Memory:")).group(1))
    available = 0
    for line in screen["lines"]:
        row = MAP_ROW.match(line)
        if row and row.group(3) == "available":
            available += int(row.group(2), 16) + 1 - int(row.group(1), 16)
    assert available == usable_kib * 1024, "the total differs from the available rows shown"
    missing = screen["memory"] - available
    assert 0 <= missing <= FIRMWARE_HOLES, \
        f"-m gives {screen['memory']} bytes, the map shows {available} available"


def test_report_goes_to_serial_too(screen):
    assert f"Command:   {COMMAND_LINE}\n" in screen["serial"]


@pytest.mark.parametrize("machine", ["pc", "q35"])
def test_ram_above_4_gib_is_in_the_map(report_iso, machine):
    """Only a guest with 4G has RAM above 4 GiB (QEMU puts what does not fit
    below the PCI hole there), so only such guests are booted for it."""
    with qemu.Machine(report_iso, machine=machine, memory="4G") as vm:
        vm.wait_for_halt()
        lines = vm.screen_lines()
    rows = [MAP_ROW.match(line) for line in lines]
    assert any(row and row.group(3) == "available" and int(row.group(1), 16) >= 1 << 32
               for row in rows), "\n".join(lines)


def test_quiet_skips_the_report(make_iso):
    with qemu.Machine(make_iso("    multiboot2 /boot/kernel.elf quiet")) as vm:
        vm.wait_for_halt()
        lines = vm.screen_lines()
        assert lines[0] == "Hello World!"
        assert not any(line.startswith("Loader:") for line in lines), "\n".join(lines)
        assert "Self-checks: all passed" in lines
