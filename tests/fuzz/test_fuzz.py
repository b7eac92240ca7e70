"""A short, bounded libFuzzer run of the boot-information parser.

`make fuzz` runs longer (FUZZ_SECONDS, default 60). Anything found is
written to build/fuzz/ and fails this test; it then becomes a unit test
in tests/unit/test_bootinfo_*.c.
"""

from conftest import make

FUZZ_SECONDS = 20


def test_bootinfo_parser_survives_bounded_fuzzing():
    output = make("fuzz", f"FUZZ_SECONDS={FUZZ_SECONDS}")
    assert "Done " in output and " runs in " in output, output[-2000:]
