/*
 * fuzz_elf.c: libFuzzer target for the loaders' ELF checks
 * (src/loader/elf.c).
 *
 * Each input is a kernel file. It is copied into a malloc'd block of
 * exactly its size (8-byte aligned, as elf.h asks), so AddressSanitizer
 * reports any read past it, and checked against 1-2 MiB. What elf.h
 * promises is then checked: a short enough phrase on failure; on success,
 * an entry inside a PT_LOAD, and a load that writes only inside the
 * kernel's memory (a window of exactly that size). `make fuzz-elf` seeds
 * it with the real kernel.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *       tests/fuzz/fuzz_elf.c src/loader/elf.c
 */
#include "loader/elf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIB 0x100000

#define REQUIRE(cond)                                                       \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "fuzz_elf: broken promise: %s\n", #cond);       \
            abort();                                                        \
        }                                                                   \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct elf_limits limits = { MIB, 2 * MIB };
    uint8_t *file = malloc(size ? size : 1);
    uint64_t entry = 0;

    memcpy(file, data, size);
    const char *problem = elf_check(file, size, &limits, &entry);
    if (problem != NULL) {
        REQUIRE(problem[0] != '\0' && strlen(problem) <= ELF_PROBLEM_MAX_LENGTH);
    } else {
        REQUIRE(entry >= limits.lowest && entry < limits.end);
        uint8_t *window = malloc(limits.end - limits.lowest);
        elf_load(file, &limits, window);
        free(window);
    }
    free(file);
    return 0;
}
