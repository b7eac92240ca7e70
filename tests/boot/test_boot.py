"""Boot tests: the real ISO under QEMU (TCG, SeaBIOS), read from outside.

Each boot waits until the CPU halts with interrupts off, then reads the
VGA text buffer at 0xB8000 through QMP and the COM1 log, and checks both.
"""

import pytest

import qemu
from conftest import WHITE_ON_RED, assert_halted_without_reset

LIGHT_GREEN_ON_BLACK = 0x0A
SELF_CHECKS = [
    "CR0.PG paging on",
    "CR0.WP write protection on",
    "CR4.PAE on",
    "CR4.MCE set exactly when CPUID has MCE",
    "EFER.LMA long mode active",
    "EFER.NXE set exactly when CPUID has NX",
    "CS is a 64-bit code segment",
    "boot page tables identity-mapped 0-4 GiB",
    "0-4 GiB identity-mapped, page 0 and the stack guard absent",
    ".text read + execute",
    ".rodata read only",
    ".data and .bss read + write",
    "task register loaded for the double-fault stack",
    "RSP 16-byte aligned at kmain",
]
LONG_MODE_LINE = "longboot: 64-bit long mode, 0-4 GiB identity-mapped, kernel pages W^X (NX on)"
MACHINES = [(machine, memory) for machine in ("pc", "q35") for memory in ("32M", "128M", "4G")]


class Boot:
    """What one boot left behind once the kernel halted."""

    def __init__(self, machine):
        machine.wait_for_halt()
        self.cells = machine.vga_cells()
        self.screen = machine.screen_lines()
        self.serial = machine.serial()


def row_text(cells):
    return "".join(c for c, _ in cells).rstrip()


def attributes_of(cells, text):
    """The attributes of the cells where `text` first appears in a row."""
    start = row_text(cells).find(text)
    assert start >= 0, f"expected {text!r} in row {row_text(cells)!r}"
    return {attribute for _, attribute in cells[start:start + len(text)]}


@pytest.fixture(scope="module", params=MACHINES, ids=[f"{m}-{r}" for m, r in MACHINES])
def booted(request, iso):
    machine, memory = request.param
    with qemu.Machine(iso, machine=machine, memory=memory) as vm:
        yield Boot(vm)


def test_screen_shows_hello_world_first_in_light_green(booted):
    assert booted.screen[0] == "Hello World!", "screen was:\n" + "\n".join(booted.screen)
    assert attributes_of(booted.cells[0], "Hello World!") == {LIGHT_GREEN_ON_BLACK}


def test_serial_log_says_hello_world(booted):
    assert booted.serial.startswith("Hello World!\n"), f"COM1 said:\n{booted.serial}"


def test_boot_report_fits_on_screen_above_self_checks(booted):
    """Each report line COM1 carries is one whole screen row (none wrapped
    or cut), in the same order, all above the self-check line."""
    screen = booted.screen
    assert screen[2].startswith("Loader:    GRUB 2."), "\n".join(screen)
    serial = booted.serial.splitlines()
    report = serial[serial.index(screen[2]):serial.index("Self-checks: all passed")]
    report = [line for line in report if not line.startswith(("selftest:", "console:"))]
    assert report, booted.serial
    rows = [screen.index(line) if line in screen else None for line in report]
    assert None not in rows, f"report lines not whole on screen: {report}\n" + "\n".join(screen)
    assert rows == sorted(rows) and rows[-1] < screen.index("Self-checks: all passed")


def test_screen_states_long_mode_and_page_rights(booted):
    assert booted.screen[1] == LONG_MODE_LINE


@pytest.mark.parametrize("check", SELF_CHECKS)
def test_kernel_self_check_passes(booted, check):
    assert f"selftest: {check}: ok\n" in booted.serial, f"COM1 said:\n{booted.serial}"


def test_serial_log_reports_no_failed_self_check(booted):
    assert "FAILED" not in booted.serial
    assert "Self-checks: all passed" in booted.screen


@pytest.mark.parametrize("cpu,mapping_line", [
    ("qemu64,-nx", "longboot: 64-bit long mode, 0-4 GiB identity-mapped, .text read-only, no NX"),
    ("max", LONG_MODE_LINE),
])
def test_cpu_model_boots_to_the_full_report(iso, cpu, mapping_line):
    """No NX: bit 63 must stay clear in every entry (it is reserved there).
    `max` has 1 GiB pages, LA57 and the rest, none of which may get in the way."""
    with qemu.Machine(iso, cpu=cpu) as vm:
        boot = Boot(vm)
    assert boot.screen[1] == mapping_line, "\n".join(boot.screen)
    assert boot.screen[2].startswith("Loader:    GRUB 2."), "\n".join(boot.screen)
    assert "Self-checks: all passed" in boot.screen, boot.serial
    for check in SELF_CHECKS:
        assert f"selftest: {check}: ok\n" in boot.serial, boot.serial


def assert_failure_sentence(vm, sentence):
    """The trampoline's failure path: sentence on row 0 in white on red, on COM1, halted."""
    vm.wait_for_halt()
    cells = vm.vga_cells()
    assert row_text(cells[0]) == sentence, "screen was:\n" + "\n".join(vm.screen_lines())
    assert {attribute for _, attribute in cells[0]} == {WHITE_ON_RED}, \
        "expected the whole top row white on red"
    assert vm.serial().rstrip("\n").endswith(sentence), f"COM1 said:\n{vm.serial()}"
    assert_halted_without_reset(vm)


def test_qemu32_cpu_without_long_mode_says_so_and_halts(iso):
    with qemu.Machine(iso, cpu="qemu32") as vm:
        assert_failure_sentence(vm, "longboot: this CPU has no 64-bit long mode; halting.")


def test_cpu_without_pae_says_so_and_halts(iso):
    with qemu.Machine(iso, cpu="qemu64,-pae") as vm:
        assert_failure_sentence(vm, "longboot: this CPU has no PAE paging; halting.")


def test_wrong_multiboot_magic_says_so_and_halts(iso, kernel):
    """Stops at `start` through QEMU's gdb stub and puts Multiboot 1's magic in EAX."""
    with qemu.Machine(iso, gdb=True) as vm:
        output = vm.gdb(kernel, "hbreak *start", "continue", "set $eax = 0x2BADB002", "detach")
        assert "Breakpoint 1, " in output and "start" in output, output
        assert_failure_sentence(
            vm, "longboot: not started by a Multiboot2 loader (wrong magic in EAX); halting.")



def test_serial_log_says_the_screen_stays_vga_text_under_grubs_ega_text(booted):
    assert "console: the boot loader reports EGA text mode, so the screen stays VGA text\n" \
        in booted.serial, booted.serial
