"""The worked example in docs/guide.md, built and booted as the guide
says: its C lines go into kmain just before the self-checks (with the
include it names), the kernel is built in a copy of the checkout, and the
screen must show the largest available region of the memory map the same
boot reported."""

import os
import re
import subprocess

import pytest

import qemu
from conftest import ROOT, copy_checkout

GUIDE = os.path.join(ROOT, "docs", "guide.md")
ANCHOR = "    int failed = selftest_run(frame);\n"
INCLUDE = '#include "arch/x86_64/multiboot2.h"\n'
MAP_LINE = re.compile(r"^  \[0x([0-9a-f]+)-0x([0-9a-f]+)\] .* available$", re.M)


def example_lines():
    """The ```c block that follows the guide's `example: largest-region` marker."""
    with open(GUIDE) as guide:
        text = guide.read()
    marker = text.index("<!-- example: largest-region")
    block = re.search(r"```c\n(.*?)```", text[marker:], re.S)
    assert block, "docs/guide.md: no ```c block after the example marker"
    return block.group(1)


@pytest.fixture(scope="module")
def example_iso(tmp_path_factory):
    checkout = tmp_path_factory.mktemp("guide")
    copy_checkout(checkout)
    kmain = checkout / "src" / "kernel" / "kmain.c"
    source = kmain.read_text()
    assert ANCHOR in source, f"kmain.c no longer has the line the guide names: {ANCHOR!r}"
    if INCLUDE not in source:
        last_include = source.rindex('#include "')
        line_end = source.index("\n", last_include) + 1
        source = source[:line_end] + INCLUDE + source[line_end:]
    kmain.write_text(source.replace(ANCHOR, example_lines() + ANCHOR))
    result = subprocess.run(["make", "--no-print-directory", "-j2", "iso"], cwd=checkout,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, f"the guide's example does not build:\n{result.stdout}"
    return str(checkout / "build" / "longboot.iso")


def test_guide_example_prints_the_largest_usable_region_on_screen(example_iso):
    with qemu.Machine(example_iso, memory="128M") as vm:
        vm.wait_for_halt()
        screen = vm.screen_lines()
        serial = vm.serial()
    regions = [(int(first, 16), int(last, 16) - int(first, 16) + 1)
               for first, last in MAP_LINE.findall(serial)]
    assert regions, f"no available region in the report on COM1:\n{serial}"
    base, length = max(regions, key=lambda region: region[1])
    expected = f"Largest usable region: {length // 1024} KiB at 0x{base:x}"
    assert expected in screen, f"expected {expected!r} on screen:\n" + "\n".join(screen)
    with open(GUIDE) as guide:
        assert f"\n{expected}\n" in guide.read(), f"docs/guide.md should show {expected!r}"
