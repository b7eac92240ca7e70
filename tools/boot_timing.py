"""boot_timing.py: how long a boot in QEMU takes to put "Hello World!" on screen.

`make bench` (bench.py) and `make compare` (compare.py) time boots with it:
  - seconds_to_hello: from just before QEMU starts (TCG, pc, 128M, SeaBIOS)
    until "Hello World!" is in row 0 of VGA text memory, polled over QMP
    every few milliseconds;
  - the floor: tools/bootsector.asm, a 512-byte boot sector that only
    writes "Hello World!", timed the same way (assemble_floor builds it);
  - boot_phases: one boot split into firmware, loader and kernel through
    QEMU's gdb stub (gdb_remote.py), the host's clock read at each stop:
      firmware  QEMU's start-up, counted until its gdb stub first answers,
                then the run from the reset vector until the first
                instruction at 0x7C00, where every BIOS boot sector and El
                Torito image starts (a hardware breakpoint);
      loader    from there until the kernel's entry (a hardware breakpoint
                at the address given: `start` for GRUB, `start64` for ours);
      kernel    from there until "Hello World!" is whole in row 0 (a write
                watchpoint on the cell of its last character, row 0 read
                at each stop).
    The machine is paused at each stop; only the time it ran is counted.
    Breakpoints cost time, so totals are measured by seconds_to_hello in
    runs of their own.
"""

import collections
import os
import subprocess
import time

import gdb_remote
import qemu

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MESSAGE = b"Hello World!"
POLL_INTERVAL = 0.005   # seconds between two looks at VGA memory
BOOT_TIMEOUT = 60       # seconds before a boot counts as failed
BOOT_SECTOR_ADDRESS = 0x7C00
VGA_CELL_BYTES = 2      # a character, then its attribute
MESSAGE_ROW_BYTES = VGA_CELL_BYTES * len(MESSAGE)
LAST_MESSAGE_CELL = qemu.VGA_TEXT_BUFFER + MESSAGE_ROW_BYTES - VGA_CELL_BYTES

Phases = collections.namedtuple("Phases", "firmware loader kernel")


def message_in(row):
    """True if the VGA cells `row` (from column 0) spell MESSAGE."""
    return row[0::VGA_CELL_BYTES] == MESSAGE


def wait_for_hello(machine):
    """Returns seconds from the machine's start until MESSAGE is in VGA row 0."""
    machine.wait_until(
        lambda: message_in(machine.read_memory(qemu.VGA_TEXT_BUFFER, MESSAGE_ROW_BYTES)),
        BOOT_TIMEOUT, f"{MESSAGE.decode()} in VGA row 0", interval=POLL_INTERVAL)
    return time.monotonic() - machine.started_at


def seconds_to_hello(**medium):
    """Boots one machine; returns seconds from QEMU start to MESSAGE in VGA row 0."""
    with qemu.Machine(**medium) as machine:
        return wait_for_hello(machine)


def boot_phases(kernel_entry, **medium):
    """Boots one machine under the gdb stub; returns its Phases in seconds."""
    with qemu.Machine(gdb=True, **medium) as machine, \
            gdb_remote.GdbRemote(machine.gdb_socket, BOOT_TIMEOUT) as stub:
        start_up = time.monotonic() - machine.started_at
        stub.break_at(BOOT_SECTOR_ADDRESS)
        firmware = start_up + stub.run_until_stop()
        stub.clear_break(BOOT_SECTOR_ADDRESS)
        stub.break_at(kernel_entry)
        loader = stub.run_until_stop()
        stub.clear_break(kernel_entry)
        # The kernel clears the screen before it writes the message, so
        # the watched cell is written more than once.
        stub.watch_writes(LAST_MESSAGE_CELL, VGA_CELL_BYTES)
        kernel = stub.run_until_stop()
        while not message_in(stub.read_memory(qemu.VGA_TEXT_BUFFER, MESSAGE_ROW_BYTES)):
            kernel += stub.run_until_stop()
        return Phases(firmware, loader, kernel)


def assemble_floor(directory):
    """Assembles tools/bootsector.asm into `directory`; returns the image's path."""
    bootsector = os.path.join(directory, "bootsector.bin")
    os.makedirs(directory, exist_ok=True)
    subprocess.run(["nasm", "-f", "bin", "-o", bootsector,
                    os.path.join(ROOT, "tools", "bootsector.asm")], check=True)
    return bootsector


def host_line():
    qemu_version = subprocess.run([qemu.QEMU, "--version"], stdout=subprocess.PIPE,
                                  text=True, check=True).stdout.splitlines()[0]
    cpu = "unknown CPU"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (f"Measured {time.strftime('%Y-%m-%d')} on {cpu}, "
            f"{len(os.sched_getaffinity(0))} CPUs (nproc), {qemu_version}, TCG.")
