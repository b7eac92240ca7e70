"""Tests of `make install` / `make uninstall` and the grub.d helper they install.

The helper's output must be a menu entry that GRUB's own parser accepts
(grub-script-check, from grub-common), that finds the kernel with
`search --file` whichever file system holds it, and that boots it with
multiboot2. Everything lands under DESTDIR, nothing else.
"""

import os
import re
import stat
import subprocess

import pytest

from conftest import BUILD, ROOT, copy_checkout, make

SCRIPT = "etc/grub.d/42_longboot"


def files_under(root):
    """Every file below root, as paths relative to it."""
    return sorted(os.path.relpath(os.path.join(directory, name), root)
                  for directory, _, names in os.walk(root) for name in names)


def run_helper(destdir, **environment):
    """Runs the grub.d helper installed in destdir as grub-mkconfig does,
    told that destdir is where the kernel is (LONGBOOT_ROOT); returns what
    it printed on stdout and stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LONGBOOT_")}
    env.update({"LONGBOOT_ROOT": str(destdir)}, **environment)
    result = subprocess.run([str(destdir / SCRIPT)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    assert result.returncode == 0, f"{destdir / SCRIPT} failed:\n{result.stderr}"
    return result.stdout, result.stderr


def grub_script_check(tmp_path, text):
    """GRUB's own parser on text; returns (exit status, its messages)."""
    config = tmp_path / "checked.cfg"
    config.write_text(text)
    result = subprocess.run(["grub-script-check", str(config)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    return result.returncode, result.stdout


@pytest.fixture
def installed(tmp_path):
    destdir = tmp_path / "root"
    make("install", f"DESTDIR={destdir}")
    return destdir


def test_install_puts_exactly_the_kernel_and_the_grub_d_helper_in_destdir(installed):
    assert files_under(installed) == ["boot/longboot.elf", SCRIPT], \
        f"expected only boot/longboot.elf and {SCRIPT}, found {files_under(installed)}"
    with open(os.path.join(BUILD, "longboot.elf"), "rb") as built, \
            open(installed / "boot/longboot.elf", "rb") as copy:
        assert copy.read() == built.read(), "the installed kernel differs from build/longboot.elf"


def test_installed_helper_is_executable_and_kernel_is_not(installed):
    script_mode = stat.S_IMODE(os.stat(installed / SCRIPT).st_mode)
    kernel_mode = stat.S_IMODE(os.stat(installed / "boot/longboot.elf").st_mode)
    assert script_mode == 0o755, f"expected the helper 0755 (grub-mkconfig runs only executables), got {script_mode:o}"
    assert kernel_mode == 0o644, f"expected the kernel 0644, got {kernel_mode:o}"


def test_uninstall_removes_both_files(installed):
    make("uninstall", f"DESTDIR={installed}")
    assert files_under(installed) == [], f"left behind: {files_under(installed)}"


def test_helper_output_passes_grub_script_check(installed, tmp_path):
    entry, _ = run_helper(installed)
    status, messages = grub_script_check(tmp_path, entry)
    assert status == 0, f"grub-script-check rejected the entry: {messages}\n{entry}"


def test_helper_quotes_a_kernel_path_with_spaces_as_one_word(tmp_path):
    """BOOTDIR with a space: every path the entry names is one GRUB word,
    single-quoted as GRUB's script language (like sh) reads it, and the
    entry still parses. A quote in a path is closed, escaped and reopened."""
    destdir = tmp_path / "root"
    make("install", f"DESTDIR={destdir}", "BOOTDIR=/boot/my dir")
    assert files_under(destdir) == ["boot/my dir/longboot.elf", SCRIPT], files_under(destdir)
    entry, _ = run_helper(destdir, LONGBOOT_GRUB_PATH="/it's/longboot.elf")
    status, messages = grub_script_check(tmp_path, entry)
    assert status == 0, f"grub-script-check rejected the entry: {messages}\n{entry}"
    booted = re.findall(r"^\t\tmultiboot2 (.*)$", entry, re.M)
    assert booted == ["'/it'\\''s/longboot.elf'", "'/boot/my dir/longboot.elf'",
                      "'/my dir/longboot.elf'", "'/longboot.elf'"], entry


def test_helper_for_a_missing_kernel_prints_no_entry_and_says_why(installed):
    """Like 10_linux for a kernel that is gone: no menu entry that could
    only fail at boot, and a sentence on stderr, which update-grub shows."""
    os.remove(installed / "boot/longboot.elf")
    entry, said = run_helper(installed)
    assert entry == "", f"expected no entry without the kernel, got:\n{entry}"
    assert said == f"longboot: {installed}/boot/longboot.elf is missing " \
                   "(make install puts it there); no menu entry.\n", said


def test_helper_emits_one_menu_entry_that_searches_for_the_kernel_then_boots_it(installed):
    entry, _ = run_helper(installed)
    assert re.findall(r"^menuentry '([^']*)'.* --id (\S+) \{$", entry, re.M) == \
        [("longboot", "longboot")], f"expected one entry 'longboot' with --id longboot:\n{entry}"
    searches = re.findall(r"if search --no-floppy --set=root --file (\S+); then\n"
                          r".*\n\t\tmultiboot2 (\S+)\n", entry)
    assert searches and all(found == booted for found, booted in searches), \
        f"expected each search --file to be followed by multiboot2 of the same path:\n{entry}"
    assert sorted(path for path, _ in searches) == ["'/boot/longboot.elf'", "'/longboot.elf'"], \
        f"expected the /boot-on-root and /boot-partition paths, got {searches}"


def test_helper_loads_a_uefi_video_driver_before_and_keeps_bios_text_mode_after(installed):
    """GRUB hands a framebuffer over on UEFI only through a video driver; on a
    BIOS `multiboot2` sets gfxpayload itself, so text mode must be asked after it."""
    entry, _ = run_helper(installed)
    video = entry.index('if [ "$grub_platform" = efi ]; then\n\t\tinsmod efi_gop\n')
    text = entry.index('if [ "$grub_platform" = pc ]; then\n\t\tset gfxpayload=text\n')
    kernels = [m.start() for m in re.finditer(r"\tmultiboot2 ", entry)]
    assert kernels and video < min(kernels) and text > max(kernels), \
        f"expected efi_gop before every multiboot2 and gfxpayload=text after:\n{entry}"


def test_helper_searches_first_for_the_path_it_is_told(installed):
    entry, _ = run_helper(installed, LONGBOOT_GRUB_PATH="/longboot.elf")
    first = re.search(r"\tif search .* --file (\S+);", entry)
    assert first and first.group(1) == "'/longboot.elf'", \
        f"expected the first search for /longboot.elf:\n{entry}"


def test_install_with_bootdir_moves_the_kernel_and_the_searched_paths(tmp_path):
    destdir = tmp_path / "root"
    make("install", f"DESTDIR={destdir}", "BOOTDIR=/boot/extra")
    assert files_under(destdir) == ["boot/extra/longboot.elf", SCRIPT], files_under(destdir)
    entry, _ = run_helper(destdir)
    searched = re.findall(r"search --no-floppy --set=root --file (\S+);", entry)
    assert searched == ["'/boot/extra/longboot.elf'", "'/extra/longboot.elf'", "'/longboot.elf'"], \
        f"expected the kernel's path on each file system that could hold it, got {searched}"


def test_helper_in_the_repository_is_executable():
    """grub-mkconfig skips helpers without the execute bit; make disk runs the installed copy."""
    mode = os.stat(os.path.join(ROOT, "grub.d/42_longboot")).st_mode
    assert mode & stat.S_IXUSR, "grub.d/42_longboot lost its execute bit"


def test_install_and_disk_from_a_checkout_path_with_spaces_write_only_inside_it(tmp_path):
    """A checkout at 'D/rel dir/x': make install DESTDIR=... and make disk
    (which installs into a tree of its own) must neither split the path at
    the space nor write anything outside the checkout and DESTDIR."""
    parent = tmp_path / "rel dir"
    checkout = parent / "x"
    copy_checkout(checkout)
    destdir = parent / "stage dir"
    before = files_under(tmp_path)

    for targets in (["install", f"DESTDIR={destdir}"], ["disk"]):
        result = subprocess.run(["make", "--no-print-directory", "-j2", *targets], cwd=checkout,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert result.returncode == 0, f"make {' '.join(targets)} failed:\n{result.stdout}"

    written = set(files_under(tmp_path)) - set(before)
    outside = sorted(path for path in written
                     if not path.startswith(("rel dir/x/", "rel dir/stage dir/")))
    assert outside == [], f"written outside the checkout and DESTDIR: {outside}"
    assert sorted(files_under(destdir)) == ["boot/longboot.elf", SCRIPT]
    assert (checkout / "build" / "longboot-disk.img").exists()
