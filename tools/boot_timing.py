"""boot_timing.py: how long a boot in QEMU takes to put "Hello World!" on screen.

`make bench` (bench.py) and `make compare` (compare.py) time boots with it:
  - seconds_to_hello: from just before QEMU starts (TCG, pc, 128M, SeaBIOS)
    until "Hello World!" is whole in row 0 of VGA text memory. QEMU's gdb
    stub holds a write watchpoint on the cell of the message's last
    character; the machine stops at each write there (the firmware's and
    the loaders' too), the row is read while it is stopped, and only the
    time it ran is counted, so looking costs the guest nothing (polling
    over QMP did: it took time from the guest, the more the longer a boot
    ran);
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
    Breakpoints cost a little time each, so totals are measured by
    seconds_to_hello in runs of their own;
  - instructions_to_hello: the same boot as seconds_to_hello under
    QEMU's -icount, counting the guest's instructions instead of seconds:
    a figure for the loaders' own work that the host's load barely moves
    (the time of a boot on a shared machine moves by tens of percent);
  - uefi_times: under OVMF, which has no VGA text, the seconds from QEMU's
    start until three lines appear on COM1: OVMF's boot manager loading
    the boot program ("BdsDxe: loading"), starting it ("BdsDxe:
    starting"), and the kernel's "Hello World!". The gdb stub cannot
    watch port writes, so COM1's log file is watched instead (its size
    checked every SERIAL_POLL seconds, the host's clock read when it
    grows); the machine is never stopped, so this is time on the host's
    clock, each figure late by at most one interval.
"""

import collections
import os
import subprocess
import time

import gdb_remote
import qemu

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MESSAGE = b"Hello World!"
BOOT_TIMEOUT = 60       # seconds before a boot counts as failed
BOOT_SECTOR_ADDRESS = 0x7C00
VGA_CELL_BYTES = 2      # a character, then its attribute
MESSAGE_ROW_BYTES = VGA_CELL_BYTES * len(MESSAGE)
LAST_MESSAGE_CELL = qemu.VGA_TEXT_BUFFER + MESSAGE_ROW_BYTES - VGA_CELL_BYTES
UEFI_LOADING = "BdsDxe: loading"   # OVMF's boot manager, about to load the boot program
UEFI_STARTING = "BdsDxe: starting"  # OVMF's boot manager, about to start it
UEFI_HELLO = "\n" + MESSAGE.decode() + "\n"  # the kernel's first line on COM1
UEFI_TIMEOUT = 180      # seconds; UEFI boots under TCG take several
SERIAL_POLL = 0.001     # seconds between looks at COM1's log
# One virtual nanosecond per instruction, the virtual clock never waiting
# for the host's: timers fire after so many instructions, whatever the host.
ICOUNT = ("-icount", "shift=0,sleep=off")

Phases = collections.namedtuple("Phases", "firmware loader kernel")
UefiTimes = collections.namedtuple("UefiTimes", "loading starting hello")


def message_in(row):
    """True if the VGA cells `row` (from column 0) spell MESSAGE."""
    return row[0::VGA_CELL_BYTES] == MESSAGE


def run_until_hello(stub):
    """Runs the machine under a write watchpoint on MESSAGE's last cell until
    MESSAGE is whole in VGA row 0 (the cell is written more than once: the
    firmware and the kernel clear the screen first); returns the seconds it
    ran, and leaves it stopped with the watchpoint gone."""
    stub.watch_writes(LAST_MESSAGE_CELL, VGA_CELL_BYTES)
    ran = stub.run_until_stop()
    while not message_in(stub.read_memory(qemu.VGA_TEXT_BUFFER, MESSAGE_ROW_BYTES)):
        ran += stub.run_until_stop()
    stub.clear_watch(LAST_MESSAGE_CELL, VGA_CELL_BYTES)
    return ran


def hello_under_stub(machine, stub):
    """Seconds from QEMU start (its start-up counted until the stub first
    answers) until MESSAGE is in VGA row 0, the stops not counted."""
    start_up = time.monotonic() - machine.started_at
    return start_up + run_until_hello(stub)


def seconds_to_hello(**medium):
    """Boots one machine; returns seconds from QEMU start to MESSAGE in VGA row 0."""
    with qemu.Machine(gdb=True, **medium) as machine, \
            gdb_remote.GdbRemote(machine.gdb_socket, BOOT_TIMEOUT) as stub:
        return hello_under_stub(machine, stub)


def instructions_to_hello(extra_args=(), **medium):
    """Boots one machine under -icount; returns the instructions it ran
    from its reset until MESSAGE is in VGA row 0."""
    with qemu.Machine(gdb=True, extra_args=[*extra_args, *ICOUNT], **medium) as machine, \
            gdb_remote.GdbRemote(machine.gdb_socket, BOOT_TIMEOUT) as stub:
        run_until_hello(stub)
        return machine.qmp("query-replay")["icount"]


def uefi_times(machine):
    """UefiTimes in seconds from the machine's start: until UEFI_LOADING,
    until UEFI_STARTING and until UEFI_HELLO are on COM1."""
    marks = {"loading": UEFI_LOADING, "starting": UEFI_STARTING, "hello": UEFI_HELLO}
    seen, size = {}, -1
    deadline = machine.started_at + UEFI_TIMEOUT
    while time.monotonic() < deadline and machine.running():
        grown = os.stat(machine.serial_path).st_size
        if grown != size:
            seconds, size = time.monotonic() - machine.started_at, grown
            serial = machine.serial()
            seen.update({name: seconds for name, line in marks.items()
                         if name not in seen and line in serial})
            if len(seen) == len(marks):
                return UefiTimes(**seen)
        time.sleep(SERIAL_POLL)
    raise qemu.QemuError(f"not all of {list(marks.values())} on COM1 after "
                         f"{time.monotonic() - machine.started_at:.0f} s; it said:\n"
                         f"{machine.serial()}")


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
        return Phases(firmware, loader, run_until_hello(stub))


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
