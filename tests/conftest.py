"""Shared pieces of the test suite: building, booting, and the summary line.

Boot tests get the ISO through the `iso` fixture, which runs `make iso`
first, so they always boot what the sources build. `make_iso` builds a
variant with its own grub.cfg (command lines, modules). At the end the
suite prints `N passed, N failed` as its last line.
"""

import os
import re
import shutil
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, os.environ.get("BUILD", "build"))
sys.path.insert(0, os.path.join(ROOT, "tools"))  # for the tests' `import qemu`


WHITE_ON_RED = 0x4F  # the attribute of every failure sentence

# The lines a menu entry needs around its `multiboot2` line so that BIOS
# keeps VGA text and UEFI hands over a framebuffer (iso/boot/grub/grub.cfg
# explains them; README gives them for an installed GRUB).
UEFI_VIDEO_LINE = '    if [ "$grub_platform" = efi ]; then insmod efi_gop; insmod efi_uga; fi'
BIOS_TEXT_LINE = '    if [ "$grub_platform" = pc ]; then set gfxpayload=text; fi'


def readme_match(pattern, what, flags=0):
    """The README's text that `pattern` matches (a re.Match), for the tests
    that run the README's commands as shown; fails naming `what` if the
    README no longer has it."""
    with open(os.path.join(ROOT, "README.md")) as readme:
        found = re.search(pattern, readme.read(), flags)
    assert found, f"the README's {what} was not found"
    return found


def symbol_table(elf):
    """An ELF file's symbol addresses by name, as nm lists them."""
    lines = subprocess.run(["nm", elf], check=True, stdout=subprocess.PIPE,
                           text=True).stdout.splitlines()
    return {fields[2]: int(fields[0], 16) for fields in map(str.split, lines) if len(fields) == 3}


def assert_halted_without_reset(vm):
    """A second later QEMU still runs (-no-reboot: a reset would end it) and
    the CPU still sits in its final halt."""
    time.sleep(1)
    assert vm.running(), "QEMU exited: the machine reset or triple-faulted"
    assert vm.halted_for_good(), "the CPU left its halt loop"


def copy_checkout(destination):
    """Copies the checkout's files (tracked, and new ones not ignored) to
    destination, modes kept, for tests that build a changed or moved tree."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout.decode()
    for name in filter(None, files.split("\0")):
        source = os.path.join(ROOT, name)
        if not os.path.exists(source):  # deleted in the work tree, not yet in git
            continue
        target = os.path.join(destination, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target)


def make(*targets):
    """Runs make in the repository; a failure fails the test with make's output."""
    result = subprocess.run(["make", "--no-print-directory", *targets], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        pytest.fail(f"make {' '.join(targets)} failed:\n{result.stdout}", pytrace=False)
    return result.stdout


def make_report(target, report_file):
    """Runs `make TARGET` with one round of each boot; returns what it
    printed and the report it wrote to REPORT_FILE in the build directory."""
    stdout = make(target, "ROUNDS=1", "BIOS_ROUNDS=1")
    with open(os.path.join(BUILD, report_file)) as report:
        return stdout, report.read()


@pytest.fixture(scope="session")
def iso():
    make("iso")
    return os.path.join(BUILD, "longboot.iso")


@pytest.fixture(scope="session")
def kernel(iso):
    """The kernel with its symbols, for gdb; what boots is its stripped copy."""
    return os.path.join(BUILD, "kernel.elf")


@pytest.fixture(scope="session")
def boot_kernel(iso):
    """The stripped kernel that the ISO, the disks and our own loader boot."""
    return os.path.join(BUILD, "longboot.elf")


@pytest.fixture(scope="session")
def make_iso(boot_kernel, tmp_path_factory):
    """Builds an ISO whose menu entry runs the given GRUB commands.

    `entry` is the body of the menu entry, e.g.
    "multiboot2 /boot/kernel.elf quiet" + "\n" + "module2 /boot/mod.txt",
    put between UEFI_VIDEO_LINE and BIOS_TEXT_LINE unless `video_lines` is
    False; `files` maps extra ISO paths to their contents. It is made as
    `make iso` makes the real one (tools/iso/mkiso.sh), so GRUB carries
    the modules this entry needs.
    """
    epoch = make("print-SOURCE_DATE_EPOCH").strip()

    def build(entry, files=None, video_lines=True):
        if video_lines:
            entry = "\n".join([UEFI_VIDEO_LINE, entry, BIOS_TEXT_LINE])
        tree = tmp_path_factory.mktemp("isodir")
        grub = tree / "boot" / "grub"
        grub.mkdir(parents=True)
        shutil.copy(boot_kernel, tree / "boot" / "kernel.elf")
        (grub / "grub.cfg").write_text(
            "set timeout=0\nmenuentry \"longboot test\" {\n" + entry + "\n    boot\n}\n")
        for path, content in (files or {}).items():
            target = tree / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        image = tree.parent / (tree.name + ".iso")
        result = subprocess.run([os.path.join(ROOT, "tools", "iso", "mkiso.sh"), str(tree),
                                 str(image)], env=dict(os.environ, SOURCE_DATE_EPOCH=epoch),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            pytest.fail(f"tools/iso/mkiso.sh failed:\n{result.stdout}", pytrace=False)
        return str(image)
    return build


_outcomes = {"passed": 0, "failed": 0, "skipped": 0}


def pytest_runtest_logreport(report):
    if report.when == "call" or report.outcome != "passed":
        if report.failed:
            _outcomes["failed"] += 1
        elif report.skipped:
            _outcomes["skipped"] += 1
        elif report.when == "call":
            _outcomes["passed"] += 1


def pytest_unconfigure(config):
    """The suite's last line, after pytest's own summary."""
    if config.option.collectonly:
        return
    if not any(_outcomes.values()):
        print("no test ran: the selection (-k, T=...) matched none")
        return
    line = f"{_outcomes['passed']} passed, {_outcomes['failed']} failed"
    if _outcomes["skipped"]:
        line += f", {_outcomes['skipped']} skipped"
    print(line)
