/*
 * elf.h: checking a 64-bit ELF kernel file, then loading it, for
 * longboot's own loaders (the BIOS loader in bios/; one validator, shared
 * as C and tested once on the host, tests/unit/test_elf.c).
 *
 * elf_check() reads nothing outside [file, file + size) and copies
 * nothing; only a file it accepted may be given to elf_load(). The kernel
 * it accepts: ELF64, little-endian, x86-64, ET_EXEC; program headers inside
 * the file; every PT_LOAD inside the file, with p_filesz <= p_memsz,
 * p_vaddr == p_paddr (the loaders identity-map) and its memory inside
 * [limits->lowest, limits->end); and a longboot ELF note
 * (src/arch/x86_64/boot.h) naming a 64-bit entry inside a PT_LOAD.
 * A loader picks limits that keep the kernel clear of its own memory and
 * buffers, and proves that where it defines them.
 */
#ifndef LOADER_ELF_H
#define LOADER_ELF_H

#include <stddef.h>
#include <stdint.h>

/* The longest phrase elf_check() returns: the loaders print it between
 * "longboot loader: " and "; halting." on one 80-column row. */
#define ELF_PROBLEM_MAX_LENGTH 52

struct elf_limits {
    uint64_t lowest, end; /* physical memory the kernel may occupy */
};

/*
 * Checks the kernel file at file[0..size), 8-byte aligned in memory (the
 * ELF structures are read in place). Returns NULL and sets *entry64
 * to the address the kernel's 64-bit entry note names, or returns an
 * English phrase saying what is wrong ("the kernel is not an ELF file (bad
 * magic)"), at most ELF_PROBLEM_MAX_LENGTH characters, without a capital
 * or a full stop, for the loader to put in its sentence.
 */
const char *elf_check(const uint8_t *file, size_t size, const struct elf_limits *limits,
                      uint64_t *entry64);

/*
 * Copies each PT_LOAD segment of a file elf_check() accepted with the same
 * limits to window + (p_paddr - limits->lowest) and zeroes the rest of its
 * p_memsz (.bss). window is where physical limits->lowest is reachable: the
 * address itself in a loader that identity-maps, a buffer in a host test.
 */
void elf_load(const uint8_t *file, const struct elf_limits *limits, uint8_t *window);

#endif
