"""The README's install commands, run as written: `make install`, then
`update-grub`, the real one from grub2-common, which runs every helper in
/etc/grub.d and writes /boot/grub/grub.cfg.

They run as root in a mount namespace of their own (unshare -m), where
/boot is a fresh tmpfs holding only an empty grub/ (as after grub-install),
/etc/grub.d a scratch copy of this machine's helpers, and grub-probe a
stand-in (fake-grub-probe) that describes one BIOS disk, since the real one
finds no disk inside a VM's namespace. Nothing outside the namespace
changes; what the commands wrote is copied out before it ends. /boot being
a file system of its own, grub-mkrelpath gives the kernel's path on it as
/longboot.elf, which the entry must search for first.
"""

import os
import shutil
import subprocess

import pytest

from conftest import BUILD, ROOT

FAKE_GRUB_PROBE = os.path.join(os.path.dirname(__file__), "fake-grub-probe")
COMMANDS = """
mount -t tmpfs longboot-test-boot /boot
mkdir /boot/grub
mount --bind "$SCRATCH/grub.d" /etc/grub.d
mount --bind "$FAKE_GRUB_PROBE" /usr/sbin/grub-probe
make --no-print-directory install
update-grub
cp -a /boot/. "$SCRATCH/boot/"
"""


@pytest.fixture(scope="module")
def updated(tmp_path_factory):
    if os.geteuid() != 0:
        pytest.skip("update-grub writes /boot and /etc/grub.d: root only (CI runs as root)")
    scratch = tmp_path_factory.mktemp("update-grub")
    shutil.copytree("/etc/grub.d", scratch / "grub.d")
    (scratch / "boot").mkdir()
    env = dict(os.environ, SCRATCH=str(scratch), FAKE_GRUB_PROBE=FAKE_GRUB_PROBE)
    result = subprocess.run(["unshare", "-m", "sh", "-ec", COMMANDS], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout
    with open(scratch / "boot" / "grub" / "grub.cfg") as config:
        return scratch, config.read(), result.stdout


def test_update_grub_finds_the_installed_kernel(updated):
    scratch, _, said = updated
    assert "Found longboot: /boot/longboot.elf (GRUB path /longboot.elf)" in said, said
    with open(os.path.join(BUILD, "longboot.elf"), "rb") as built:
        assert (scratch / "boot" / "longboot.elf").read_bytes() == built.read()
    assert (scratch / "grub.d" / "42_longboot").exists()


def test_grub_cfg_gets_the_longboot_entry_searching_its_own_file_system_first(updated):
    _, config, _ = updated
    begin = config.index("### BEGIN /etc/grub.d/42_longboot ###\n")
    end = config.index("### END /etc/grub.d/42_longboot ###", begin)
    entry = config[begin:end]
    assert "menuentry 'longboot' --class longboot --class os --id longboot {" in entry, entry
    assert "\tif search --no-floppy --set=root --file '/longboot.elf'; then\n" in entry, entry


def test_the_whole_grub_cfg_passes_grubs_own_parser(updated):
    scratch, _, _ = updated
    result = subprocess.run(["grub-script-check", str(scratch / "boot" / "grub" / "grub.cfg")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, result.stdout
