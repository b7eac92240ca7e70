"""The README's USB-stick commands (lsblk, umount, dd), run as written
against a real block device: a loop device standing in for the stick.

The "stick" is an 8 MiB file with an MBR and two partitions, the first an
ext2 file system that is mounted, as a desktop mounts a stick it sees; the
second is not mounted. Everything runs as root in a mount namespace of its
own (unshare -m), so the mount is seen by nothing outside; the loop device
and its partition devices (added by partx) are taken apart at the end.
`/dev/sdX` in each command becomes the loop device, `build/longboot.iso`
the ISO the tests built, and `sudo ` is dropped (root already).
"""

import os
import re
import subprocess

import pytest

from conftest import ROOT, readme_match

STICK_BYTES = 8 << 20
SECTOR = 512
# The old stick's MBR partitions, in sectors: a mounted ext2, then a second.
OLD_PARTITIONS = "label: dos\nstart=2048, size=4096, type=83\nstart=6144, type=83\n"
MOUNTED_START = 2048
MOUNTED_BLOCKS_KIB = 2048


def run(*command, **kwargs):
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}"
    return result.stdout


def readme_stick_commands():
    """The README's three lines, without their `sudo ` and comments."""
    block = readme_match(r"```sh\n(lsblk .*?\n.*?umount .*?\n.*?dd if=.*?)\n```",
                         "USB stick commands", re.S).group(1)
    lines = [line.split("#")[0].strip() for line in block.splitlines()]
    return [line.removeprefix("sudo ") for line in lines]


@pytest.fixture(scope="module")
def stick(tmp_path_factory):
    """A loop device over a used stick's image, with partition devices."""
    if os.geteuid() != 0:
        pytest.skip("loop devices and mounts are root's (CI runs as root)")
    if not os.path.exists("/dev/loop-control"):
        pytest.skip("this machine's kernel offers no loop devices")
    image = tmp_path_factory.mktemp("stick") / "stick.img"
    with open(image, "wb") as stick_file:
        stick_file.truncate(STICK_BYTES)
    run("sfdisk", "-q", str(image), input=OLD_PARTITIONS)
    run("mke2fs", "-q", "-t", "ext2", "-b", "1024", "-E", f"offset={MOUNTED_START * SECTOR}",
        str(image), str(MOUNTED_BLOCKS_KIB))
    device = run("losetup", "--find", "--show", str(image)).strip()
    try:
        run("partx", "--add", device)
        yield device, image
    finally:
        subprocess.run(["partx", "--delete", device], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        subprocess.run(["losetup", "--detach", device], check=True)


@pytest.fixture(scope="module")
def written(stick, iso, tmp_path_factory):
    """What each README line printed, and its exit status, run in order
    after the first partition is mounted."""
    device, image = stick
    mount_point = tmp_path_factory.mktemp("mounted")
    script = [f"mount {device}p1 {mount_point}"]
    for index, line in enumerate(readme_stick_commands()):
        line = line.replace("/dev/sdX", device).replace("build/longboot.iso", iso)
        script.append(f'{line}; echo "== line {index} status $?"')
        script.append(f'findmnt --source {device}p1 >/dev/null && echo "== mounted"'
                      f' || echo "== not mounted"')
    result = subprocess.run(["unshare", "-m", "sh", "-c", "\n".join(script)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            timeout=120)
    said = re.split(r"== line \d status (\d+)\n== (mounted|not mounted)\n", result.stdout)
    assert len(said) == 3 * 3 + 1, result.stdout
    lines = [dict(output=said[i], status=said[i + 1], after=said[i + 2]) for i in range(0, 9, 3)]
    return dict(image=image, iso=iso, mount_point=str(mount_point), lines=lines)


def test_lsblk_line_shows_the_sticks_mounted_partition(stick, written):
    device, _ = stick
    lsblk = written["lines"][0]
    assert lsblk["status"] == "0" and lsblk["after"] == "mounted", lsblk["output"]
    row = re.search(rf"^\S*{os.path.basename(device)}p1 .*$", lsblk["output"], re.M)
    assert row and row.group(0).endswith(written["mount_point"]), lsblk["output"]


def test_umount_line_unmounts_it_and_names_the_other_as_not_mounted(stick, written):
    device, _ = stick
    umount = written["lines"][1]
    assert umount["after"] == "not mounted", umount["output"]
    assert f"{device}p2: not mounted" in umount["output"], umount["output"]


def test_dd_line_writes_the_iso_to_the_whole_device(written):
    dd = written["lines"][2]
    assert dd["status"] == "0", dd["output"]
    with open(written["iso"], "rb") as iso_file, open(written["image"], "rb") as stick_file:
        expected = iso_file.read()
        assert stick_file.read(len(expected)) == expected
