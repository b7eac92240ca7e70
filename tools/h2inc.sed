# h2inc.sed: turn the `#define NAME value /* comment */` lines of a
# constants header (src/arch/x86_64/x86.h, pc.h, boot.h, multiboot2.h) into
# NASM `%define` lines, so C and assembly share one list of numbers.
# Every other line (comments, include guards) is dropped.
s|^#define \([A-Za-z0-9_]*\)[[:space:]][[:space:]]*\([^/]*[^/[:space:]]\)[[:space:]]*/\*[[:space:]]*\(.*[^[:space:]]\)[[:space:]]*\*/$|%define \1 \2 ; \3|p
s|^#define \([A-Za-z0-9_]*\)[[:space:]][[:space:]]*\([^/]*[^/[:space:]]\)[[:space:]]*$|%define \1 \2|p
