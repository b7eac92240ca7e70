"""Short, bounded libFuzzer runs of the boot-information parser and of
the loaders' ELF checks.

`make fuzz` and `make fuzz-elf` run longer (FUZZ_SECONDS, default 60).
Anything found is written to build/fuzz/ and fails the test; it then
becomes a unit test in tests/unit/test_bootinfo_*.c or test_elf.c.
"""

from conftest import make

FUZZ_SECONDS = 20


def test_bootinfo_parser_survives_bounded_fuzzing():
    output = make("fuzz", f"FUZZ_SECONDS={FUZZ_SECONDS}")
    assert "Done " in output and " runs in " in output, output[-2000:]


def test_elf_checks_survive_bounded_fuzzing():
    output = make("fuzz-elf", f"FUZZ_SECONDS={FUZZ_SECONDS}")
    assert "Done " in output and " runs in " in output, output[-2000:]
