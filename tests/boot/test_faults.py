"""Boot tests of the panic screen: every `fault=` option ends on it.

Each boot raises one fault on purpose (src/kernel/fault_option.c) after
the boot report. The whole screen must turn white on red with a sentence
naming the exception and its vector, on screen and on COM1, and the
machine must stay halted: no reset, no hang in a loop. Page faults must
report in CR2 exactly the address the kernel said it touched, and that
address must lie in the part of the image the fault was about.
"""

import re

import pytest

import qemu
from conftest import WHITE_ON_RED, assert_halted_without_reset, symbol_table

RIP = r"at RIP 0x[0-9a-f]+"


def panic_screen(vm):
    """Waits for the halt; returns the screen as one string (rows run on, as
    wrapped lines do) after checking every cell is white on red."""
    vm.wait_for_halt()
    cells = [cell for row in vm.vga_cells() for cell in row]
    screen = "".join(c for c, _ in cells)
    other = {attribute for _, attribute in cells} - {WHITE_ON_RED}
    assert not other, f"expected a white-on-red panic screen, saw attributes {other}:\n{screen}"
    return screen


def boot_with_fault(make_iso, fault):
    return qemu.Machine(make_iso(f"    multiboot2 /boot/kernel.elf quiet fault={fault}"))


@pytest.fixture(scope="module")
def symbols(kernel):
    """The kernel's symbol addresses by name."""
    return symbol_table(kernel)


@pytest.mark.parametrize("fault,sentence", [
    ("de", rf"longboot: #DE divide error \(vector 0\) {RIP}; halting\."),
    ("bp", rf"longboot: #BP breakpoint \(vector 3\) {RIP}; halting\."),
    ("ud", rf"longboot: #UD invalid opcode \(vector 6\) {RIP}; halting\."),
    ("gp", rf"longboot: #GP general protection fault \(vector 13\) {RIP}; halting\.\n"
           r"Error code 0x0\."),
    ("int", rf"longboot: unexpected interrupt \(vector 64, 0x40\) {RIP}; halting\."),
    ("panic", r"longboot: kernel panic: fault=panic asked for a kernel panic; halting\."),
])
def test_fault_ends_on_panic_screen_naming_it(make_iso, fault, sentence):
    with boot_with_fault(make_iso, fault) as vm:
        screen = panic_screen(vm)
        assert re.match(sentence.replace(r"\n", " *"), screen), screen
        assert re.search(sentence + "\n", vm.serial()), vm.serial()
        if fault != "panic":
            assert re.search(r"RAX [0-9a-f]{16}  RBX [0-9a-f]{16}", screen), screen
            assert re.search(r"\nR13 [0-9a-f]{16}  R14 [0-9a-f]{16}  R15 [0-9a-f]{16}\n",
                             vm.serial()), vm.serial()
        assert_halted_without_reset(vm)


def in_range(start, end):
    return lambda address, s: s[start] <= address < s[end]


def stack(address, s):
    return s["boot_stack_guard"] + 0x1000 <= address < s["boot_stack_top"]


@pytest.mark.parametrize("fault,error_code,cause,where", [
    ("pf", 0x0, "read of an unmapped page",
     lambda address, s: address == 0x100000000000),
    ("null", 0x0, "read of an unmapped page",
     lambda address, s: address == 0),
    ("wp", 0x3, "write to a read-only page",
     in_range("kernel_text_start", "kernel_rodata_start")),
    ("ro", 0x3, "write to a read-only page",
     in_range("kernel_rodata_start", "kernel_data_start")),
    ("nx", 0x11, "instruction fetch from a no-execute page",
     in_range("kernel_data_start", "kernel_image_end")),
    ("nxstack", 0x11, "instruction fetch from a no-execute page",
     stack),
    ("guard", 0x0, "read of an unmapped page",
     lambda address, s: address == s["boot_stack_guard"]),
])
def test_page_fault_reports_the_address_touched_and_why(make_iso, symbols, fault, error_code,
                                                        cause, where):
    with boot_with_fault(make_iso, fault) as vm:
        screen = panic_screen(vm)
        touched = re.search(r"fault: (?:reading|writing|executing) 0x([0-9a-f]+)", vm.serial())
        assert touched, f"the kernel did not say what it touched; COM1 said:\n{vm.serial()}"
        address = int(touched.group(1), 16)
        assert where(address, symbols), f"{address:#x} is not where fault={fault} should touch"
        sentence = (rf"longboot: #PF page fault \(vector 14\) {RIP}; halting\.\n"
                    rf"Error code {error_code:#x}: {cause} at {address:#x}\.\n")
        assert re.search(sentence, vm.serial()), vm.serial()
        assert re.match(sentence.replace(r"\n", " *"), screen), screen
        assert f"CR2 {address:016x}" in screen, screen
        assert_halted_without_reset(vm)


def test_touching_the_guard_page_is_named_a_stack_overflow(make_iso):
    with boot_with_fault(make_iso, "guard") as vm:
        screen = panic_screen(vm)
        assert "the kernel stack probably overflowed." in screen, screen


def test_stack_overflow_ends_on_double_fault_screen_not_reboot(make_iso, symbols):
    """The overflow's page fault cannot push its frame on the full stack, so
    the CPU raises #DF, which runs on the TSS's own stack (IST 1)."""
    with boot_with_fault(make_iso, "stack") as vm:
        screen = panic_screen(vm)
        sentence = rf"longboot: #DF double fault \(vector 8\) {RIP}; halting\."
        assert re.match(sentence, screen), screen
        assert re.search(sentence + "\n", vm.serial()), vm.serial()
        assert "RSP is in the stack's guard page: the kernel stack overflowed.\n" in vm.serial()
        rsp = int(re.search(r"RSP ([0-9a-f]{16})", screen).group(1), 16)
        assert 0 <= rsp - 1 - symbols["boot_stack_guard"] < 0x1000, \
            f"RSP {rsp:#x} is not in the guard page at {symbols['boot_stack_guard']:#x}"
        assert_halted_without_reset(vm)


def test_executing_data_without_nx_is_said_and_boot_carries_on(make_iso):
    with qemu.Machine(make_iso("    multiboot2 /boot/kernel.elf quiet fault=nx"),
                      cpu="qemu64,-nx") as vm:
        vm.wait_for_halt()
        sentence = ("longboot: fault=nx ran code from data without a fault: this CPU has no NX "
                    "bit, so no page can be made non-executable.")
        assert sentence in "".join(vm.screen_lines()), "\n".join(vm.screen_lines())
        assert sentence + "\n" in vm.serial(), vm.serial()
        assert_halted_without_reset(vm)


def test_unknown_fault_name_is_listed_and_ignored(make_iso):
    with boot_with_fault(make_iso, "nope") as vm:
        vm.wait_for_halt()
        assert "longboot: unknown fault=nope; ignored. Known: de bp ud gp pf null wp ro nx " \
               "nxstack guard stack int panic regs.\n" in vm.serial(), vm.serial()
        assert "Self-checks: all passed" in vm.screen_lines()


def test_machine_check_at_the_halt_ends_on_panic_screen_with_the_bank(iso):
    """QEMU's monitor injects an uncorrected error into bank 1 (MCG_STATUS
    RIPV|MCIP) once the kernel has halted: with CR4.MCE on, that is a #MC,
    not a shutdown, and the screen names the bank and its status."""
    with qemu.Machine(iso) as vm:
        vm.wait_for_halt()
        vm.hmp("mce 0 1 0xb200000000000000 0x5 0 0")
        vm.wait_until(lambda: "#MC" in vm.serial(), 30, "the machine-check report on COM1")
        screen = panic_screen(vm)
        assert re.match(rf"longboot: #MC machine check \(vector 18\) {RIP}; halting\.", screen), \
            screen
        assert "Machine-check bank 1 logged status 0xb200000000000000." in vm.serial(), \
            vm.serial()
        assert_halted_without_reset(vm)


def test_panic_screen_shows_every_register_with_the_value_it_held(make_iso, symbols):
    """fault=regs loads 0xCAFE00000000000N into each general register but
    RSP and RBP, N its place in the dump, then runs ud2 at fault_regs_ud2:
    each value must appear under its own name, and RIP must be that ud2."""
    expected = {"RAX": 1, "RBX": 2, "RCX": 3, "RDX": 4, "RSI": 5, "RDI": 6, "R8": 8, "R9": 9,
                "R10": 10, "R11": 11, "R12": 12, "R13": 13, "R14": 14, "R15": 15}
    with boot_with_fault(make_iso, "regs") as vm:
        screen = panic_screen(vm)
        serial = vm.serial()
    for text in (screen, serial):
        dump = dict(re.findall(r"\b(R[A-Z0-9]{1,2}) +([0-9a-f]{16})\b", text))
        for name, number in expected.items():
            assert dump.get(name) == f"cafe{number:012x}", f"{name}: {dump.get(name)}\n{text}"
        assert int(dump["RIP"], 16) == symbols["fault_regs_ud2"], text
    assert re.search(rf"#UD invalid opcode \(vector 6\) at RIP 0x{symbols['fault_regs_ud2']:x};",
                     serial), serial
