"""The kernel is compiled against the compiler's own freestanding headers
and its own (src/kernel/string.h), never the host's C library: these
tests compile small files with exactly the kernel's flags, as the
Makefile computes them for the compiler in use (CC=clang included)."""

import re
import shlex
import subprocess

import pytest

from conftest import ROOT, make


@pytest.fixture(scope="module")
def compile_kernel_c(tmp_path_factory):
    cc = make("-s", "print-CC").strip()
    # Shell text, as a recipe gets it (the compiler's include folder is a
    # command substitution); no dependency files for these probes.
    cflags = " ".join(flag for flag in make("-s", "print-KERNEL_CFLAGS").strip().split(" ")
                      if flag not in ("-MMD", "-MP"))
    directory = tmp_path_factory.mktemp("freestanding")

    def compile_source(name, source):
        path = directory / name
        path.write_text(source)
        command = f"{cc} {cflags} -c -o {shlex.quote(str(path.with_suffix('.o')))} " \
                  f"{shlex.quote(str(path))}"
        return subprocess.run(["sh", "-c", command], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    return compile_source


def test_kernel_code_gets_the_compilers_freestanding_headers_and_the_kernels_string_h(
        compile_kernel_c):
    result = compile_kernel_c("headers.c", "\n".join([
        "#include <stdarg.h>", "#include <stdbool.h>", "#include <stddef.h>",
        "#include <stdint.h>", "#include <stdnoreturn.h>", '#include "kernel/string.h"',
        "size_t copy(void *d, const void *s, size_t n) { memcpy(d, s, n); return n; }", ""]))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("header", ["stdio.h", "string.h", "stdlib.h"])
def test_kernel_code_including_a_hosted_header_fails_naming_it(compile_kernel_c, header):
    result = compile_kernel_c(f"hosted_{header[:-2]}.c", f"#include <{header}>\nint x;\n")
    assert result.returncode != 0, f"<{header}> was found: the host's C library leaks in"
    # gcc: "stdio.h: No such file or directory"; clang: "'stdio.h' file not found".
    assert re.search(rf"{re.escape(header)}'?(: No such file or directory| file not found)",
                     result.stdout), result.stdout


def test_kernel_code_using_floating_point_fails_to_build(compile_kernel_c, tmp_path):
    """gcc refuses at once ("SSE register return with SSE disabled"); clang
    compiles to soft-float calls (__muldf3...) that nothing in the kernel
    provides, so the link fails instead."""
    source = "int scaled(int a) { double x = a; return (int)(x * 1.5); }\n"
    result = compile_kernel_c("double.c", source)
    if result.returncode != 0:
        assert "SSE" in result.stdout, result.stdout
        return
    words = shlex.split(result.args[-1])  # the command line sh ran
    obj = words[words.index("-o") + 1]
    ld = make("-s", "print-LD").strip()
    link = subprocess.run([ld, "-m", "elf_x86_64", "-nostdlib", "-e", "scaled", "-o",
                           str(tmp_path / "double.elf"), obj],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert link.returncode != 0, "floating point linked, but no FPU state is ever saved"
    assert "undefined reference" in link.stdout, link.stdout
