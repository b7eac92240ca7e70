"""Boot tests of the early IDTs (early_idt.asm): from `start` until the
kernel loads its own IDT, an NMI or a CPU exception is a sentence on the
top row and COM1 and a halt, never a triple fault and a reset; and once a
failure sentence is up, a later NMI leaves it as it is.

Each test stops the machine with a gdb breakpoint at one step of the way,
then raises the event: QEMU's `monitor nmi`, or a `ud2` written over the
next instruction.
"""

import os

import pytest

import qemu
from conftest import BUILD, assert_halted_without_reset, make
from test_boot import assert_failure_sentence

NMI_SENTENCE = "longboot: NMI during early boot; halting."
UD_SENTENCE = "longboot: CPU exception 06 during early boot; halting."
UD2 = "0x0b0f"  # the two bytes of ud2 as a little-endian short

# The steps, in boot order: protected mode after the 32-bit early IDT is
# in, compatibility mode after CR0.PG, 64-bit mode, and kmain's first
# instruction, before exception_init.
STEPS = ["check_multiboot2", "enter_long_mode", "long_mode_start", "kmain"]


def stop_at(vm, kernel, symbol, *then):
    output = vm.gdb(kernel, f"hbreak *{symbol}", "continue", *then, "detach")
    assert "Breakpoint 1, " in output, output


@pytest.mark.parametrize("symbol", STEPS)
def test_nmi_during_early_boot_says_so_and_halts(iso, kernel, symbol):
    with qemu.Machine(iso, gdb=True) as vm:
        stop_at(vm, kernel, symbol, "monitor nmi")
        assert_failure_sentence(vm, NMI_SENTENCE)


@pytest.mark.parametrize("event", ["monitor nmi", f"set {{short}}$pc = {UD2}"])
def test_two_instructions_into_start_an_event_is_already_a_sentence(iso, kernel, event):
    """`start` loads our GDT and 32-bit early IDT in its first two
    instructions, before it has a stack: ESP is set to 0 here, the worst a
    loader may leave, so the CPU's pushes wrap to the top of the address
    space; the handler must still take its own stack and speak."""
    with qemu.Machine(iso, gdb=True) as vm:
        stop_at(vm, kernel, "start", "stepi 2", "set $esp = 0", event)
        sentence = NMI_SENTENCE if "nmi" in event else UD_SENTENCE
        assert_failure_sentence(vm, sentence)


@pytest.mark.parametrize("symbol", ["check_multiboot2", "kmain"])
def test_exception_during_early_boot_names_its_vector_and_halts(iso, kernel, symbol):
    with qemu.Machine(iso, gdb=True) as vm:
        stop_at(vm, kernel, symbol, f"set {{short}}$pc = {UD2}")
        assert_failure_sentence(vm, UD_SENTENCE)


def test_nmi_after_the_qemu32_failure_sentence_leaves_it_and_the_halt(iso):
    """qemu32 has no long mode: the trampoline's sentence, then NMIs."""
    sentence = "longboot: this CPU has no 64-bit long mode; halting."
    with qemu.Machine(iso, cpu="qemu32") as vm:
        assert_failure_sentence(vm, sentence)
        for _ in range(3):
            vm.hmp("nmi")
        assert_failure_sentence(vm, sentence)
        assert vm.serial().count("longboot:") == 1, vm.serial()
        assert_halted_without_reset(vm)


@pytest.mark.parametrize("symbol", ["long_mode_start", "kmain"])
def test_nmi_after_start64_meets_the_kernels_early_idt(kernel, symbol):
    """Through our own loader's 64-bit entry: start64 loads the kernel's
    GDT and early IDT, so an NMI from then on is the kernel's sentence."""
    make("image")
    with qemu.Machine(drive=os.path.join(BUILD, "longboot-loader.img"), gdb=True) as vm:
        stop_at(vm, kernel, symbol, "monitor nmi")
        assert_failure_sentence(vm, NMI_SENTENCE)
