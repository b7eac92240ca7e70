"""The README's install commands, run as written: `make install`, then
`update-grub` (Debian, Ubuntu) or `grub2-mkconfig -o /boot/grub2/grub.cfg`
(Fedora and others), the real grub-mkconfig from grub2-common, which runs
every helper in /etc/grub.d and writes grub.cfg.

They run as root in a mount namespace of their own (unshare -m), where
/boot is a fresh tmpfs holding only an empty grub/ or grub2/ (as after
grub-install or grub2-install), /etc/grub.d a scratch copy of this
machine's helpers, and grub-probe a stand-in (fake-grub-probe) that
describes one BIOS disk, since the real one finds no disk inside a VM's
namespace. Fedora's grub2-mkconfig is GRUB's grub-mkconfig built with the
grub2- prefix; here it is Debian's under that name, on the PATH, as is
grub2-mkrelpath, while grub-mkrelpath there fails, so that the helper
takes Fedora's name; and the scratch helpers lack Debian's own 05_debian_theme, which Fedora does not
have and which works only in /boot/grub. Nothing
outside the namespace changes; what the commands wrote is copied out
before it ends. /boot being a file system of its own, grub-mkrelpath gives
the kernel's path on it as /longboot.elf, which the entry must search for
first.
"""

import os
import shutil
import subprocess

import pytest

from conftest import BUILD, ROOT, readme_match

FAKE_GRUB_PROBE = os.path.join(os.path.dirname(__file__), "fake-grub-probe")
# Each system's README block, the directory its grub.cfg is in, and the
# helpers of this machine's that it does not have.
SYSTEMS = {
    "debian": (r"```sh\n(sudo make install\nsudo update-grub)\n```", "grub", ()),
    "fedora": (r"```sh\n(sudo make install\nsudo grub2-mkconfig -o /boot/grub2/grub.cfg)\n```",
               "grub2", ("05_debian_theme",)),
}
SET_UP = """
mount -t tmpfs longboot-test-boot /boot
mkdir "/boot/$GRUB_DIR"
mount --bind "$SCRATCH/grub.d" /etc/grub.d
mount --bind "$FAKE_GRUB_PROBE" /usr/sbin/grub-probe
"""
COPY_OUT = """
cp -a /boot/. "$SCRATCH/boot/"
"""


@pytest.fixture(scope="module", params=SYSTEMS)
def updated(request, tmp_path_factory):
    if os.geteuid() != 0:
        pytest.skip("grub-mkconfig writes /boot and /etc/grub.d: root only (CI runs as root)")
    block, grub_dir, not_there = SYSTEMS[request.param]
    commands = readme_match(block, f"{request.param} install commands").group(1)
    scratch = tmp_path_factory.mktemp(request.param)
    shutil.copytree("/etc/grub.d", scratch / "grub.d", ignore=lambda *_: not_there)
    (scratch / "boot").mkdir()
    fedora_names = scratch / "bin"
    fedora_names.mkdir()
    if request.param == "fedora":
        # Fedora's names for GRUB's tools, and none of Debian's for the one
        # the helper looks up itself (grub-mkrelpath fails, as if missing).
        for tool in ("grub-mkconfig", "grub-mkrelpath"):
            (fedora_names / tool.replace("grub-", "grub2-")).symlink_to(shutil.which(tool))
        (fedora_names / "grub-mkrelpath").symlink_to(shutil.which("false"))
    env = dict(os.environ, SCRATCH=str(scratch), FAKE_GRUB_PROBE=FAKE_GRUB_PROBE,
               GRUB_DIR=grub_dir, PATH=f"{fedora_names}:{os.environ['PATH']}")
    script = SET_UP + commands.replace("sudo ", "") + COPY_OUT
    result = subprocess.run(["unshare", "-m", "sh", "-ec", script], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout
    with open(scratch / "boot" / grub_dir / "grub.cfg") as config:
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
    scratch, config, _ = updated
    result = subprocess.run(["grub-script-check"], input=config,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, result.stdout
