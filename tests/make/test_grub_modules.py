"""tools/iso/grub_modules.py, which picks the ISO's GRUB modules, against
small made-up command.lst and moddep.lst files: which commands of a
grub.cfg count, which `insmod` lines, and the closure under dependencies."""

import os
import subprocess
import sys

import pytest

from conftest import ROOT

SCRIPT = os.path.join(ROOT, "tools", "iso", "grub_modules.py")
COMMAND_LST = """\
*search: search
[: test
boot: boot
menuentry: normal
multiboot2: multiboot2
module2: multiboot2
echo: echo
ls: ls
"""
MODDEP_LST = """\
normal: extcmd terminal
extcmd:
terminal:
test:
boot:
search: extcmd search_fs_uuid
search_fs_uuid:
multiboot2: relocator video
relocator: mmap
mmap:
video:
efi_gop: video
echo: extcmd
ls:
biosdisk:
iso9660: fshelp
fshelp:
"""


@pytest.fixture
def modules(tmp_path):
    """Runs the script on a grub.cfg of the given text; returns its answer as a set."""
    (tmp_path / "command.lst").write_text(COMMAND_LST)
    (tmp_path / "moddep.lst").write_text(MODDEP_LST)

    def run(config, *options):
        cfg = tmp_path / "grub.cfg"
        cfg.write_text(config)
        result = subprocess.run([sys.executable, SCRIPT, str(tmp_path), str(cfg), *options],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert result.returncode == 0, result.stdout
        return set(result.stdout.split())
    return run


def test_an_empty_config_needs_normal_and_its_dependencies(modules):
    assert modules("") == {"normal", "extcmd", "terminal"}


def test_commands_inside_if_and_menuentry_count_comments_do_not(modules):
    config = ('if [ "$grub_platform" = pc ]; then boot; fi  # echo is only a comment\n'
              'menuentry "x" {\n    multiboot2 /boot/kernel.elf\n}\n')
    assert modules(config) == {"normal", "extcmd", "terminal", "test", "boot",
                               "multiboot2", "relocator", "mmap", "video"}


def test_a_command_after_a_semicolon_counts(modules):
    assert "echo" in modules("set x=1; echo $x\n")


def test_insmod_adds_a_module_of_this_platform_and_skips_one_it_lacks(modules):
    found = modules("insmod efi_gop\ninsmod efi_uga\n")
    assert "efi_gop" in found and "video" in found
    assert "efi_uga" not in found


def test_also_adds_modules_and_without_removes_the_core_images_closure(modules):
    found = modules("ls\n", "--also", "iso9660", "--without", "iso9660", "extcmd")
    assert found == {"normal", "terminal", "ls"}


def test_quoted_words_are_arguments_not_commands(modules):
    assert "echo" not in modules('menuentry "echo" {\n    boot\n}\n')


def test_an_embedded_config_needs_its_modules_but_not_normal(modules):
    """The core image's own configuration, which GRUB's kernel runs: only
    what it loads counts, as it cannot load a module for a command."""
    assert modules("insmod echo\nls\n", "--embedded") == {"echo", "extcmd"}
    assert modules("", "--embedded") == set()
