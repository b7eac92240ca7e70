"""qemu.py: boot longboot in QEMU and look at the machine from outside.

The boot tests, `make run` (in all three of its ways), `make bench` and
`make screenshot` all drive QEMU through this one module. It talks QMP
over a Unix socket: `pmemsave` reads the VGA text buffer at 0xB8000,
`info registers` (through human-monitor-command) tells whether the CPU
has halted for good, and `screendump` takes pictures. COM1 goes to a file.
On a framebuffer (UEFI) the screen's text is read back from the picture
by matching each 8x16 cell against the kernel's own font (font.py).

Run as a script (tools/run.sh picks the first or the second for `make run`):
    qemu.py interactive [--uefi] [--disk] [--window] IMAGE
                                      become QEMU for a person: COM1 and QEMU's
                                      monitor on this terminal, or QEMU's window
    qemu.py run [--uefi] ISO          boot headless, print COM1, exit when halted
    qemu.py run --disk IMAGE          the same from a raw disk image (our own loader's)
    qemu.py screenshot [--uefi] ISO PNG
"""

import argparse
import collections
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import font

QEMU = os.environ.get("QEMU", "qemu-system-x86_64")
VGA_TEXT_BUFFER = 0xB8000
VGA_COLUMNS = 80
VGA_ROWS = 25
DEBUG_EXIT_PORT = 0xF4
EFLAGS_IF = 1 << 9
OVMF_CODE = os.environ.get("OVMF_CODE", "/usr/share/OVMF/OVMF_CODE_4M.fd")
OVMF_VARS = os.path.join(os.path.dirname(OVMF_CODE), "OVMF_VARS_4M.fd")
# QEMU's boot order with the CD first; its default tries the hard disk and
# the floppy before it, which costs tens of milliseconds (make bench shows).
CD_FIRST = ("-boot", "d")


class QemuError(Exception):
    """QEMU did not do what was asked; the message says what it did instead."""


class ScreenText:
    """The text on a framebuffer picture, cell by cell.

    `cells[row][column]` is (character, foreground, background) with colours
    as (r, g, b); a cell no glyph of the font matches is U+FFFD. A cell of
    one colour is a blank only in the background its row's text has (the
    console clears a row in the colours it writes with), or, in a row
    without text, in the screen's background, the commonest one-colour
    cell; a cell of one other colour reads as FULL_BLOCK, so a cell filled
    wrongly shows. `lines` are the rows as strings with trailing blanks
    removed.
    """

    UNKNOWN = "\ufffd"
    FULL_BLOCK = "\u2588"

    def __init__(self, width, height, rgb):
        glyph_characters = {}
        for byte, bitmap in enumerate(font.glyphs()):
            character = font.cp437_character(byte)
            if character:
                glyph_characters.setdefault(bytes(bitmap), character)
        stride = width * 3
        rows = []
        for top in range(0, height - font.HEIGHT + 1, font.HEIGHT):
            row = []
            for left in range(0, width - font.WIDTH + 1, font.WIDTH):
                pixels = [[tuple(rgb[y * stride + x * 3:y * stride + x * 3 + 3])
                           for x in range(left, left + font.WIDTH)]
                          for y in range(top, top + font.HEIGHT)]
                row.append(self._cell(pixels, glyph_characters))
            rows.append(row)
        solid = collections.Counter(bg for row in rows for c, _, bg in row if c is None)
        screen_background = solid.most_common(1)[0][0] if solid else None
        self.cells = [self._blanks(row, screen_background) for row in rows]
        self.lines = ["".join(c for c, _, _ in row).rstrip() for row in self.cells]

    @classmethod
    def _cell(cls, pixels, glyph_characters):
        """(character, foreground, background); (None, None, colour) for a
        cell of one colour, which _blanks then reads."""
        colours = {pixel for line in pixels for pixel in line}
        if len(colours) == 1:
            return (None, None, colours.pop())
        if len(colours) == 2:
            for foreground in colours:
                bitmap = bytes(sum(font.LEFTMOST_PIXEL >> x for x, pixel in enumerate(line)
                                   if pixel == foreground) for line in pixels)
                if bitmap in glyph_characters:
                    background = (colours - {foreground}).pop()
                    return (glyph_characters[bitmap], foreground, background)
        return (cls.UNKNOWN, None, None)

    @classmethod
    def _blanks(cls, row, screen_background):
        text_backgrounds = {bg for c, _, bg in row if c not in (None, cls.UNKNOWN)}
        background = (text_backgrounds.pop() if len(text_backgrounds) == 1
                      else screen_background)
        return [(" ", None, bg) if c is None and bg == background
                else (cls.FULL_BLOCK, bg, None) if c is None
                else (c, fg, bg) for c, fg, bg in row]


def boot_medium(iso, drive, first):
    """QEMU's arguments for the ISO as a CD-ROM, or else the raw disk image
    `drive` as a disk. With `first`, the medium is the boot device
    (bootindex=1), which QEMU hands the firmware as its boot order: OVMF
    then starts only that device, not every one, as a machine with a boot
    order set does; otherwise it also starts the network card's iPXE
    driver, which stops the card again inside ExitBootServices, about 0.1 s
    under TCG (docs/iso.md, "Time on UEFI")."""
    if not first:
        return ["-cdrom", iso] if iso else ["-drive", f"format=raw,file={drive},if=ide"]
    if iso:
        return ["-drive", f"if=none,id=boot,format=raw,media=cdrom,readonly=on,file={iso}",
                "-device", "ide-cd,drive=boot,bootindex=1"]
    return ["-drive", f"if=none,id=boot,format=raw,file={drive}",
            "-device", "ide-hd,drive=boot,bootindex=1"]


def ovmf_flash(vars_copy):
    """QEMU's arguments for OVMF's two flash images: its code, read-only,
    and a fresh copy of its variable store made at `vars_copy`."""
    shutil.copyfile(OVMF_VARS, vars_copy)
    return ["-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={OVMF_CODE}",
            "-drive", f"if=pflash,format=raw,unit=1,file={vars_copy}"]


def medium_first(image, firmware, disk):
    """Machine's medium arguments for booting `image` (an ISO, or a raw
    disk image if disk) the way `make run` and its kind do: the medium
    first. Under a BIOS that is -boot d for a CD (QEMU's default order
    tries the hard disk and the floppy first, tens of milliseconds) and
    nothing for a disk, which is first already; under UEFI, boot_medium's
    boot device."""
    boot = {"drive" if disk else "iso": image, "boot_first": firmware == "uefi"}
    if firmware == "bios" and not disk:
        boot["extra_args"] = CD_FIRST
    return boot


class Machine:
    """One QEMU process under TCG, with COM1 logged and QMP connected.

    Use as a context manager: the process is killed and its files removed
    on exit. Arguments pick the boot medium (an ISO as CD-ROM, or a raw
    disk image as IDE disk; boot_first: see boot_medium), the machine
    type, RAM, CPU model, firmware
    ("bios" for SeaBIOS, "uefi" for OVMF) and any extra QEMU arguments.
    With gdb=True the machine starts paused with its gdb stub on the Unix
    socket `gdb_socket`, for `gdb(...)` to drive.
    """

    def __init__(self, iso=None, machine="pc", memory="128M", cpu=None,
                 firmware="bios", extra_args=(), display="none", drive=None, gdb=False,
                 boot_first=False):
        self.workdir = tempfile.mkdtemp(prefix="longboot-qemu-")
        self.serial_path = os.path.join(self.workdir, "serial.log")
        self.qmp_path = os.path.join(self.workdir, "qmp.sock")
        medium = boot_medium(iso, drive, boot_first)
        args = [QEMU, "-machine", f"{machine},accel=tcg", "-m", memory,
                *medium, "-display", display, "-no-reboot",
                "-serial", f"file:{self.serial_path}",
                "-qmp", f"unix:{self.qmp_path},server=on,wait=off",
                "-monitor", "none",
                "-device", f"isa-debug-exit,iobase={DEBUG_EXIT_PORT:#x},iosize=0x04"]
        if cpu:
            args += ["-cpu", cpu]
        if firmware == "uefi":
            args += ovmf_flash(os.path.join(self.workdir, "OVMF_VARS.fd"))
        self.gdb_socket = os.path.join(self.workdir, "gdb.sock")
        if gdb:
            args += ["-gdb", f"unix:{self.gdb_socket},server=on,wait=off", "-S"]
        args += list(extra_args)
        self.args = args
        self.process = None
        self.qmp_socket = None
        self.qmp_file = None
        self.started_at = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(self.args, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise QemuError(f"QEMU exited at start: {self.output()}")
            try:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                sock.connect(self.qmp_path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                sock.close()
                if time.monotonic() > deadline:
                    raise QemuError("QMP socket never appeared")
                time.sleep(0.01)
        self.qmp_socket = sock
        self.qmp_file = sock.makefile("rw")
        self._read_reply()  # the greeting
        self.qmp("qmp_capabilities")

    def close(self):
        if self.qmp_socket:
            self.qmp_socket.close()
            self.qmp_socket = None
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def output(self):
        """What QEMU itself printed (errors, warnings), once it has exited."""
        if self.process.poll() is None:
            return ""
        return self.process.stdout.read().decode(errors="replace").strip()

    def _read_reply(self):
        while True:
            line = self.qmp_file.readline()
            if not line:
                raise QemuError(f"QMP connection closed; QEMU said: {self.output()}")
            message = json.loads(line)
            if "event" not in message:
                return message

    def qmp(self, command, **arguments):
        request = {"execute": command}
        if arguments:
            request["arguments"] = arguments
        self.qmp_file.write(json.dumps(request) + "\n")
        self.qmp_file.flush()
        reply = self._read_reply()
        if "error" in reply:
            raise QemuError(f"{command}: {reply['error'].get('desc')}")
        return reply.get("return")

    def hmp(self, command_line):
        return self.qmp("human-monitor-command", **{"command-line": command_line})

    def gdb(self, kernel, *commands, timeout=120):
        """Runs gdb in batch mode on the kernel ELF against the stub; returns its output."""
        script = [f"file {kernel}", f"target remote {self.gdb_socket}", *commands]
        result = subprocess.run(["gdb", "-nx", "-batch", *[a for c in script for a in ("-ex", c)]],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                timeout=timeout)
        if result.returncode != 0:
            raise QemuError(f"gdb failed:\n{result.stdout}")
        return result.stdout

    def running(self):
        return self.process.poll() is None

    def exit_status(self, timeout=60):
        """Waits for QEMU to exit and returns its exit status."""
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise QemuError(f"QEMU still running after {timeout} s") from None

    def serial(self):
        """COM1 so far, with carriage returns dropped (GRUB and the kernel send CR LF)."""
        with open(self.serial_path, "rb") as log:
            return log.read().decode(errors="replace").replace("\r", "")

    def read_memory(self, address, size):
        path = os.path.join(self.workdir, "memory.bin")
        self.qmp("pmemsave", val=address, size=size, filename=path)
        with open(path, "rb") as dump:
            return dump.read()

    def vga_cells(self):
        """The 80x25 text screen as rows of (character, attribute) pairs."""
        raw = self.read_memory(VGA_TEXT_BUFFER, VGA_COLUMNS * VGA_ROWS * 2)
        cells = [(chr(raw[i]), raw[i + 1]) for i in range(0, len(raw), 2)]
        return [cells[r * VGA_COLUMNS:(r + 1) * VGA_COLUMNS] for r in range(VGA_ROWS)]

    def screen_lines(self):
        """The text screen as 25 strings with trailing blanks removed."""
        return ["".join(c for c, _ in row).rstrip() for row in self.vga_cells()]

    def halted_for_good(self):
        """True once the CPU sits in HLT with interrupts off: the kernel's end.

        GRUB and the firmware also halt while waiting, but with interrupts
        on, so IF=0 is what tells the kernel's final `cli; hlt` apart.
        """
        if not self.running():
            return False
        registers = self.hmp("info registers")
        flags = re.search(r"[RE]FL=([0-9a-f]+)", registers)
        return "HLT=1" in registers and flags and not int(flags.group(1), 16) & EFLAGS_IF

    def wait_until(self, condition, timeout, what, interval=0.05):
        """Polls condition every `interval` seconds; raises QemuError, with COM1
        and the screen, if QEMU exits or `timeout` seconds pass first."""
        deadline = time.monotonic() + timeout
        while not condition():
            if not self.running():
                raise QemuError(f"QEMU exited (status {self.process.returncode}) while "
                                f"waiting for {what}; COM1 said:\n{self.serial()}")
            if time.monotonic() > deadline:
                raise QemuError(f"no {what} after {timeout} s; COM1 said:\n{self.serial()}\n"
                                f"screen:\n" + "\n".join(self.screen_lines()))
            time.sleep(interval)

    def wait_for_halt(self, timeout=60):
        self.wait_until(self.halted_for_good, timeout, "halt with interrupts off")

    def screenshot(self, path):
        """Saves the display as PNG (QEMU 7.1 and later write PNG directly)."""
        self.qmp("screendump", filename=os.path.abspath(path), format="png")

    def screen_text(self):
        """The text the display shows, read from a PPM screendump (ScreenText)."""
        path = os.path.join(self.workdir, "screen.ppm")
        self.qmp("screendump", filename=path, format="ppm")
        with open(path, "rb") as picture:
            data = picture.read()
        # P6, width, height, maximum value, then one whitespace byte and the pixels.
        header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
        if not header:
            raise QemuError(f"screendump is not an 8-bit PPM: {data[:20]!r}")
        width, height = int(header.group(1)), int(header.group(2))
        return ScreenText(width, height, data[header.end():header.end() + width * height * 3])


# A terminal control sequence: CSI (ESC [ ... final byte), a character-set
# choice (ESC ( B), or any other two-byte escape. Firmware and GRUB send
# them to clear the screen and place things on COM1.
TERMINAL_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][ -~]|\x1b(?![\[()])[ -~]")
# How far from the end of what COM1 has said so far an escape may stand and
# still be a sequence cut short by the read, not a stray byte.
TERMINAL_CONTROL_MAX = 16


def without_terminal_control(text, final=False):
    """(text with its terminal control sequences removed, how much of text
    that is). COM1 is read while it is written, so unless final, an escape
    sequence the end of text may have cut short is left for the next read:
    shown in two pieces, neither would match."""
    end = len(text)
    escape = text.rfind("\x1b", max(0, end - TERMINAL_CONTROL_MAX))
    if not final and escape >= 0 and not TERMINAL_CONTROL.match(text, escape):
        end = escape
    return TERMINAL_CONTROL.sub("", text[:end]), end


def halted_cleanly(serial):
    """Whether COM1 tells of a boot that passed its self-checks and ended in
    no failure sentence (every one ends "; halting.")."""
    return "Self-checks: all passed" in serial and "; halting." not in serial


def run(medium, timeout, firmware, disk=False):
    """Boots headless from an ISO (or a raw disk image if disk) and streams
    COM1 to stdout, terminal control sequences removed. Returns 0 once the
    kernel halts after passing its self-checks, 1 if it halted on a failure
    sentence or a failed self-check, or QEMU exited or timed out."""
    with Machine(firmware=firmware, **medium_first(medium, firmware, disk)) as machine:
        shown = 0
        deadline = time.monotonic() + timeout
        while True:
            text, taken = without_terminal_control(machine.serial()[shown:])
            sys.stdout.write(text)
            sys.stdout.flush()
            shown += taken
            if machine.halted_for_good():
                text, _ = without_terminal_control(machine.serial()[shown:], final=True)
                sys.stdout.write(text)
                if halted_cleanly(machine.serial()):
                    print("[longboot halted; QEMU stopped]")
                    return 0
                print("[longboot halted on a failure (see above); QEMU stopped]")
                return 1
            if not machine.running():
                print(f"[QEMU exited with status {machine.process.returncode}] {machine.output()}")
                return 1
            if time.monotonic() > deadline:
                print(f"[no halt after {timeout} s; QEMU stopped]")
                return 1
            time.sleep(0.05)


def interactive(image, firmware, disk, window):
    """Replaces this process with QEMU booting `image` for a person, the
    medium first (medium_first): in QEMU's window with COM1 on stdout, or
    without a screen, COM1 and QEMU's monitor sharing this terminal (Ctrl-A
    X quits). OVMF's variables are copied beside the image."""
    boot = medium_first(image, firmware, disk)
    args = [QEMU, "-machine", "pc", "-m", "128M",
            *boot_medium(boot.get("iso"), boot.get("drive"), boot["boot_first"]),
            *boot.get("extra_args", ()), "-no-reboot"]
    if firmware == "uefi":
        args += ovmf_flash(os.path.join(os.path.dirname(os.path.abspath(image)), "OVMF_VARS.fd"))
    args += ["-serial", "stdio"] if window else ["-display", "none", "-serial", "mon:stdio"]
    os.execvp(QEMU, args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run", help="boot headless and print COM1 until the kernel halts")
    run_parser.add_argument("iso")
    run_parser.add_argument("--timeout", type=float, default=120)
    run_parser.add_argument("--disk", action="store_true",
                            help="the file is a raw disk image, not an ISO")
    person = sub.add_parser("interactive", help="become QEMU, for a person at a terminal or window")
    person.add_argument("iso")
    person.add_argument("--disk", action="store_true",
                        help="the file is a raw disk image, not an ISO")
    person.add_argument("--window", action="store_true",
                        help="QEMU's window, COM1 on stdout; otherwise no screen")
    shot = sub.add_parser("screenshot", help="boot, wait for the halt, save the screen as PNG")
    shot.add_argument("iso")
    shot.add_argument("png")
    for command in (run_parser, person, shot):
        command.add_argument("--uefi", action="store_true", help="boot with OVMF instead of SeaBIOS")
    args = parser.parse_args()
    firmware = "uefi" if args.uefi else "bios"
    if args.command == "interactive":
        return interactive(args.iso, firmware, args.disk, args.window)  # becomes QEMU
    if args.command == "run":
        return run(args.iso, args.timeout, firmware, args.disk)
    with Machine(args.iso, firmware=firmware) as machine:
        machine.wait_for_halt(timeout=120)
        machine.screenshot(args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
