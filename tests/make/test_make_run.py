"""The make targets that boot, run as a script runs them (no display, no
terminal): COM1 on stdout, terminal control sequences removed, and an
exit status that tells a clean halt (0) from a failure (not 0), so that
they can serve in CI."""

import os
import pty
import re
import select
import signal
import socket
import subprocess
import time

import pytest

import qemu
from conftest import ROOT, readme_match

HALTED = "[longboot halted; QEMU stopped]"


def no_display():
    """This environment without a graphical session, so that run.sh and
    debug.sh do not open QEMU's window."""
    return {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}


def make_in_a_script(*arguments):
    return subprocess.run(["make", "--no-print-directory", *arguments], cwd=ROOT, env=no_display(),
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=300)


def test_a_control_sequence_cut_by_a_read_of_com1_is_still_removed():
    """OVMF clears the screen on COM1 with ESC [ 2 J; however the reads cut
    what it wrote, the output must show none of the sequence (a run once
    showed "[2J" when a read ended right after the ESC)."""
    said = "booting\n\x1b[2J\x1b(BBdsDxe: loading\n"
    for cut in range(len(said) + 1):
        first, taken = qemu.without_terminal_control(said[:cut])
        rest, _ = qemu.without_terminal_control(said[taken:], final=True)
        assert first + rest == "booting\nBdsDxe: loading\n", f"cut after {cut} characters"


@pytest.mark.parametrize("target,loader", [
    ("run", "Loader:    GRUB 2."),
    ("run-uefi", "Loader:    GRUB 2."),
    ("run-loader", "Loader:    longboot BIOS loader"),
    ("run-loader-uefi", "Loader:    longboot UEFI loader"),
    ("run-disk", "Loader:    GRUB 2."),
    ("run-disk-uefi", "Loader:    GRUB 2."),
])
def test_make_run_target_prints_the_boot_and_exits_0_at_a_clean_halt(target, loader):
    result = make_in_a_script(target)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Hello World!\n" in result.stdout and loader in result.stdout, result.stdout[-3000:]
    assert result.stdout.rstrip().endswith(HALTED), result.stdout[-3000:]
    assert "\x1b" not in result.stdout, "a terminal control sequence reached the output"


@pytest.mark.parametrize("target", ["run", "run-loader"])
def test_make_run_with_cmdline_passes_it_and_a_panic_exits_non_zero(target):
    result = make_in_a_script(target, "CMDLINE=quiet fault=ud")
    assert result.returncode != 0, result.stdout[-3000:]
    assert "longboot: #UD invalid opcode (vector 6)" in result.stdout, result.stdout[-3000:]
    assert "Loader:" not in result.stdout, "quiet should have skipped the report"


def test_the_readmes_panic_example_is_what_its_command_prints():
    """The README shows a panic screen and the command that makes it: run
    that command, and every line the README shows must be a line it
    printed, in order, with only the addresses and register values free
    (they move whenever the code does)."""
    found = readme_match(r"This one is `make run CMDLINE=\"([^\"]+)\"`:\n\n```\n(.*?)```",
                         "panic example and its command", re.S)
    shown = [line for line in found.group(2).splitlines() if line != "..."]
    result = make_in_a_script("run", f"CMDLINE={found.group(1)}")
    printed = result.stdout.splitlines()
    start = next((i for i, line in enumerate(printed) if line.startswith("longboot: #")), None)
    assert start is not None, result.stdout[-3000:]

    def shape(line):
        return re.sub(r"\b(0x)?[0-9a-f]{3,}\b", "HEX", line)
    assert [shape(line) for line in shown] == \
        [shape(line) for line in printed[start:start + len(shown)]], result.stdout[-3000:]


def read_until(fd, wanted, seconds):
    """What the terminal `fd` shows until `wanted` appears (or `seconds`
    pass, or its other end closes)."""
    shown = b""
    deadline = time.monotonic() + seconds
    while wanted not in shown and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: nothing holds the terminal any more
                break
            if not chunk:
                break
            shown += chunk
    return shown.decode(errors="replace")


def test_make_run_at_a_terminal_shows_com1_and_quits_on_ctrl_a_x():
    """make run as a person runs it at a terminal without a display: the
    one line that says how to quit, then COM1 with the whole boot, and
    Ctrl-A X, QEMU's own keys, ends it."""
    env = no_display()
    terminal, its_other_end = pty.openpty()
    make = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, env=env,
                            stdin=its_other_end, stdout=its_other_end, stderr=its_other_end,
                            start_new_session=True)
    os.close(its_other_end)
    try:
        shown = read_until(terminal, b"Self-checks: all passed", 300)
        assert "COM1 on this terminal. To quit: Ctrl-A, then X." in shown, shown[-3000:]
        assert "Hello World!" in shown and "Self-checks: all passed" in shown, shown[-3000:]
        os.write(terminal, b"\x01x")
        shown += read_until(terminal, b"QEMU: Terminated", 30)
        assert make.wait(timeout=30) == 0, shown[-3000:]
    finally:
        if make.poll() is None:  # QEMU too: it runs in make's session
            os.killpg(make.pid, signal.SIGKILL)
        os.close(terminal)
    assert "QEMU: Terminated" in shown, shown[-3000:]


@pytest.mark.parametrize("display,medium,firmware,expected", [
    ("DISPLAY", "longboot.iso", "bios", ["-cdrom longboot.iso -boot d", "-serial stdio"]),
    ("WAYLAND_DISPLAY", "longboot.iso", "uefi",
     ["media=cdrom,readonly=on,file=longboot.iso -device ide-cd,drive=boot,bootindex=1",
      "-serial stdio"]),
    ("DISPLAY", "disk.img", "bios", ["-drive format=raw,file=disk.img,if=ide", "-serial stdio"]),
])
def test_run_sh_in_a_graphical_session_opens_qemus_window(tmp_path, display, medium, firmware,
                                                          expected):
    """With a display, run.sh hands QEMU the window and COM1 this
    terminal, the medium first; a stand-in QEMU writes down its arguments
    (there is no display here to open a window on)."""
    arguments = tmp_path / "arguments"
    qemu = tmp_path / "qemu"
    qemu.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {arguments}\n')
    qemu.chmod(0o755)
    image = tmp_path / medium
    image.write_bytes(b"")
    env = no_display()
    env.update({display: ":0", "QEMU": str(qemu)})
    result = subprocess.run([os.path.join(ROOT, "tools", "run.sh"), str(image), firmware],
                            cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, result.stdout
    given = arguments.read_text().replace(str(tmp_path) + "/", "").splitlines()
    line = " ".join(given)
    assert all(words in line for words in expected), given
    assert "-display" not in given and "-no-reboot" in given, given
    assert ("if=pflash" in line) == (firmware == "uefi"), given


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_debug_follows_start_to_kmain_and_takes_commands():
    """make debug as the README shows it, with a person's commands on
    stdin: gdb stops at each step of the way, with the Multiboot2 magic in
    EAX at `start`, then at kmain, where `bt` answers; `quit` ends QEMU."""
    env = no_display()
    env["GDB_PORT"] = str(free_port())
    result = subprocess.run(["make", "--no-print-directory", "debug"], cwd=ROOT, env=env,
                            input="bt\nquit\n", stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=300)
    steps = re.findall(r"^\[longboot\] (\w+):", result.stdout, re.M)
    assert steps == ["start", "enter_long_mode", "long_mode_start", "kmain"], result.stdout[-3000:]
    assert re.search(r"^eax\s+0x36d76289\s", result.stdout, re.M), result.stdout[-3000:]
    assert re.search(r"#0\s+kmain \(", result.stdout), result.stdout[-3000:]
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_readmes_check_that_grub_accepts_the_kernel_says_so():
    """The commands the README gives before `make install`, run as shown."""
    found = readme_match(r"will accept it \(the build runs the same check\):\n\n```sh\n(.*?)```",
                         "grub-file check", re.S)
    result = subprocess.run(["sh", "-ec", found.group(1)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.endswith("GRUB can boot it\n"), result.stdout


def test_the_readmes_lsblk_line_runs_and_shows_the_transport_column():
    """The first of the README's USB-stick commands, the one that only
    reads (the next two write to a device; test_iso.py runs the dd line
    on a file instead)."""
    found = readme_match(r"^(lsblk -o \S+)", "lsblk command", re.M)
    result = subprocess.run(found.group(1).split(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.split("\n")[0].split() == ["NAME", "SIZE", "TRAN", "MODEL",
                                                     "MOUNTPOINTS"], result.stdout
