"""Boot tests under Bochs, whose BIOS (Bochs's rombios, not SeaBIOS)
differs in its memory map, its disk and CD services and its ACPI tables:
our own loader's image from a disk, and the ISO (GRUB) from a CD.

Bochs draws no screen here: Debian builds it without a headless display,
so it runs its VNC server (rfb), which nothing connects to, and it stops
at its debugger prompt unless told `continue`. What the kernel says is
read from COM1, written to a file. Bochs runs until the kernel's report
is complete or a hard timeout, then it is stopped.
"""

import os
import re
import subprocess
import time

import pytest

from conftest import BUILD, make
from test_boot import SELF_CHECKS

BOCHS_TIMEOUT = 120       # seconds; a boot takes a few on an idle machine
CYLINDER = 16 * 63 * 512  # Bochs wants a flat disk of whole cylinders (16 heads, 63 sectors)
BOCHSRC = """\
megs: 128
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
display_library: rfb, options="timeout=0"
{medium}
com1: enabled=1, mode=file, dev={serial}
log: {log}
panic: action=fatal
clock: sync=none
"""
DISK = """\
ata0-master: type=disk, path={path}, mode=flat, cylinders={cylinders}, heads=16, spt=63
boot: disk"""
CDROM = """\
ata0-master: type=cdrom, path={path}, status=inserted
boot: cdrom"""


@pytest.fixture(scope="module")
def bochs_boot(tmp_path_factory):
    """COM1 and Bochs's log from one boot of build/longboot-loader.img."""
    make("image")
    work = tmp_path_factory.mktemp("bochs")
    with open(os.path.join(BUILD, "longboot-loader.img"), "rb") as f:
        image = f.read()
    cylinders = -(-len(image) // CYLINDER)
    disk = work / "disk.img"
    disk.write_bytes(image.ljust(cylinders * CYLINDER, b"\0"))
    return boot_under_bochs(work, DISK.format(path=disk, cylinders=cylinders))


@pytest.fixture(scope="module")
def bochs_iso_boot(iso, tmp_path_factory):
    """COM1 and Bochs's log from one boot of build/longboot.iso as a CD."""
    return boot_under_bochs(tmp_path_factory.mktemp("bochs-iso"), CDROM.format(path=iso))


def boot_under_bochs(work, medium):
    """Boots Bochs with `medium`'s bochsrc lines in the directory `work`."""
    serial, log = work / "serial.txt", work / "bochs.log"
    (work / "bochsrc").write_text(BOCHSRC.format(medium=medium, serial=serial, log=log))
    (work / "debugger.rc").write_text("continue\n")
    process = subprocess.Popen(["bochs", "-q", "-f", str(work / "bochsrc"),
                                "-rc", str(work / "debugger.rc")],
                               cwd=work, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + BOCHS_TIMEOUT
    text = ""
    try:
        while time.monotonic() < deadline and process.poll() is None:
            text = serial.read_text(errors="replace") if serial.exists() else ""
            if re.search(r"Self-checks: [^\n]*\n", text) or "halting." in text:
                break
            time.sleep(0.2)
    finally:
        process.kill()
        process.wait()
    return {"serial": text.replace("\r", ""),
            "log": log.read_text(errors="replace") if log.exists() else ""}


def test_bochs_boots_the_loader_image_to_the_kernel(bochs_boot):
    serial = bochs_boot["serial"]
    assert serial.startswith("longboot BIOS loader 0.1\nHello World!\n"), \
        f"COM1 said:\n{serial}\nBochs's log ends:\n{bochs_boot['log'][-2000:]}"


def test_bochs_boot_reports_our_loader_and_passes_the_self_checks(bochs_boot):
    serial = bochs_boot["serial"]
    assert "Loader:    longboot BIOS loader 0.1\n" in serial, serial
    assert "Boot disk: BIOS drive 0x80, partition 0\n" in serial, serial
    assert "Self-checks: all passed" in serial, serial
    assert "FAILED" not in serial, serial


def test_bochs_memory_map_comes_from_its_own_bios(bochs_boot):
    """rombios reports ACPI tables as "ACPI reclaimable", which SeaBIOS on
    QEMU does not: the map is the BIOS's, not a fixed one."""
    assert "ACPI reclaimable" in bochs_boot["serial"], bochs_boot["serial"]


def test_bochs_boots_the_iso_from_a_cd_through_grub(bochs_iso_boot):
    serial = bochs_iso_boot["serial"]
    assert serial.startswith("Hello World!\n"), \
        f"COM1 said:\n{serial}\nBochs's log ends:\n{bochs_iso_boot['log'][-2000:]}"
    assert "Loader:    GRUB 2." in serial, serial
    assert "Boot disk: BIOS drive 0xe0" in serial, "expected rombios's CD drive number: " + serial


def test_bochs_iso_boot_passes_the_self_checks(bochs_iso_boot):
    serial = bochs_iso_boot["serial"]
    for line in SELF_CHECKS:
        assert f"selftest: {line}: ok\n" in serial, serial
    assert "Self-checks: all passed" in serial and "FAILED" not in serial, serial
