"""Two builds of the same sources, at different times, in different
directories (the second's path with a space), from files with other dates
and in another time zone, give the ISO, the disk images and our UEFI
loader's image byte for byte (every date in them is SOURCE_DATE_EPOCH, see
the Makefile), so anyone can check a published image against its source.
Then `make clean` in the first leaves exactly the files that were copied."""

import os
import subprocess

import pytest

from conftest import copy_checkout

IMAGES = ["longboot.iso", "longboot-disk.img", "longboot-uefi-disk.img", "longboot-esp.img"]
LATER = 3600  # seconds the second checkout's files are dated after the first's


def build(checkout, time_zone="UTC"):
    env = dict(os.environ, TZ=time_zone)
    result = subprocess.run(["make", "--no-print-directory", "-j2", "iso", "disk", "esp-image"],
                            cwd=checkout, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, f"make iso disk esp-image failed in {checkout}:\n{result.stdout}"
    return checkout / "build"


def files_in(checkout):
    return sorted(os.path.relpath(os.path.join(directory, name), checkout)
                  for directory, _, names in os.walk(checkout) for name in names)


@pytest.fixture(scope="module")
def first_checkout(tmp_path_factory):
    """The first checkout, and its files before anything was built."""
    first = tmp_path_factory.mktemp("first") / "longboot"
    copy_checkout(first)
    return first, files_in(first)


@pytest.fixture(scope="module")
def two_builds(first_checkout, tmp_path_factory):
    first, _ = first_checkout
    second = tmp_path_factory.mktemp("second") / "else where"
    first_build = build(first)
    copy_checkout(second)
    for directory, _, files in os.walk(second):
        for name in files:
            path = os.path.join(directory, name)
            stat = os.stat(path)
            os.utime(path, (stat.st_atime + LATER, stat.st_mtime + LATER))
    return first_build, build(second, time_zone="America/New_York")


def first_difference(a, b):
    with open(a, "rb") as one, open(b, "rb") as other:
        x, y = one.read(), other.read()
    if len(x) != len(y):
        return f"sizes {len(x)} and {len(y)}"
    return next((f"byte {i:#x}" for i in range(len(x)) if x[i] != y[i]), None)


@pytest.mark.parametrize("image", IMAGES)
def test_two_builds_in_two_directories_give_the_same_image(two_builds, image):
    first, second = (str(build / image) for build in two_builds)
    same = subprocess.run(["cmp", first, second]).returncode == 0
    assert same, f"{image} differs between the two builds: {first_difference(first, second)}"


def test_make_clean_leaves_the_files_that_were_copied(first_checkout, two_builds):
    first, copied = first_checkout
    result = subprocess.run(["make", "--no-print-directory", "clean"], cwd=first,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, result.stdout
    assert files_in(first) == copied, "make clean left or removed files"
