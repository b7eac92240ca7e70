/*
 * fuzz_bootinfo.c: libFuzzer target for the Multiboot2 boot-information
 * parser (src/kernel/bootinfo/bootinfo.c, bootinfo_tags.c,
 * bootinfo_fixed_tags.c).
 *
 * Each input is an MBI. It is copied into a malloc'd block of exactly its
 * size, so AddressSanitizer reports any read past it, parsed with that size
 * as the capacity, and the result checked against the promises bootinfo.h
 * makes. Seeds: the GRUB-like layouts of tests/unit/mbi_builder.c, which
 * tests/fuzz/write_seeds.c writes into the corpus directory.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *       tests/fuzz/fuzz_bootinfo.c src/kernel/bootinfo/bootinfo*.c
 */
#define _GNU_SOURCE /* memmem, before any system header */

#include "arch/x86_64/multiboot2.h"
#include "kernel/bootinfo/bootinfo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REQUIRE(cond)                                                       \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "fuzz_bootinfo: broken promise: %s\n", #cond);  \
            abort();                                                        \
        }                                                                   \
    } while (0)

#define TERMINATED(array) (memchr((array), '\0', sizeof(array)) != NULL)

static void check_problem(const struct bootinfo_problem *p, size_t size)
{
    REQUIRE(p->reason != NULL && p->reason[0] != '\0');
    REQUIRE(p->offset < size + 8);  /* "no end tag" names the aligned spot after the last tag */
}

static void check_invariants(const struct bootinfo *bi, bool ok, size_t size)
{
    uint32_t stored = bi->problem_count < BOOTINFO_MAX_PROBLEMS ? bi->problem_count
                                                                : BOOTINFO_MAX_PROBLEMS;

    REQUIRE(ok == (bi->problem_count == 0));
    REQUIRE(bi->complete == (bi->stop.reason == NULL));
    REQUIRE(!bi->complete || (bi->total_size >= 16 && bi->total_size <= size));
    if (!bi->complete)
        check_problem(&bi->stop, size);
    for (uint32_t i = 0; i < stored; i++) {
        check_problem(&bi->problems[i], size);
        REQUIRE(bi->problems[i].tag_index <= bi->tag_count);
    }
    REQUIRE(bi->tag_count <= size / 8);
    REQUIRE(bi->present >> (MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR + 1) == 0);
    REQUIRE((bi->present & 1) == 0);  /* the end tag is never "decoded" */

    REQUIRE(TERMINATED(bi->cmdline));
    REQUIRE(TERMINATED(bi->loader_name));
    REQUIRE(TERMINATED(bi->acpi_old.oem_id));
    REQUIRE(TERMINATED(bi->acpi_new.oem_id));
    REQUIRE(bi->module_count <= BOOTINFO_MAX_MODULES);
    REQUIRE(bi->modules_dropped == 0 || bi->module_count == BOOTINFO_MAX_MODULES);
    for (uint32_t i = 0; i < bi->module_count; i++)
        REQUIRE(TERMINATED(bi->modules[i].string));
    REQUIRE(bi->mmap_count <= BOOTINFO_MAX_MMAP_ENTRIES);
    REQUIRE(bi->mmap_dropped == 0 || bi->mmap_count == BOOTINFO_MAX_MMAP_ENTRIES);
    for (uint32_t i = 0; i < bi->mmap_count; i++)
        REQUIRE(bootinfo_memory_type_name(bi->mmap[i].type) != NULL);
}

/* Whether `needle` stands in data[0 .. end), byte for byte. */
static bool stands_in(const uint8_t *data, size_t end, const void *needle, size_t length)
{
    return length <= end && memmem(data, end, needle, length) != NULL;
}

static void put_le(uint8_t *at, uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; i++)
        at[i] = (uint8_t)(value >> (8 * i));
}

/*
 * An oracle for what was decoded, not only for memory safety: a wrong but
 * safe parse fails here. What the parser kept must stand in the bytes it
 * was given, inside total_size; the usable total must be the sum of the
 * available entries (saturating) when none were dropped; the command
 * line's length and its cut must agree.
 */
static void check_values(const struct bootinfo *bi, const uint8_t *data, size_t size)
{
    size_t end = bi->total_size <= size ? bi->total_size : size;
    uint64_t usable = 0;

    for (uint32_t i = 0; i < bi->mmap_count; i++) {
        const struct bootinfo_mmap_entry *entry = &bi->mmap[i];
        uint8_t packed[20];

        put_le(packed, entry->base, 8);
        put_le(packed + 8, entry->length, 8);
        put_le(packed + 16, entry->type, 4);
        REQUIRE(stands_in(data, end, packed, sizeof packed));
        if (entry->type == MULTIBOOT2_MEMORY_AVAILABLE)
            usable = entry->length > UINT64_MAX - usable ? UINT64_MAX : usable + entry->length;
    }
    if (bi->mmap_dropped == 0)
        REQUIRE(bi->usable_bytes == usable);
    if (bootinfo_has(bi, MULTIBOOT2_TAG_TYPE_CMDLINE)) {
        size_t kept = strlen(bi->cmdline);
        REQUIRE(bi->cmdline_truncated == (bi->cmdline_length > kept));
        REQUIRE(bi->cmdline_truncated ? kept == BOOTINFO_CMDLINE_MAX - 1
                                      : kept == bi->cmdline_length);
        REQUIRE(stands_in(data, end, bi->cmdline, kept + !bi->cmdline_truncated));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = malloc(size);
    struct bootinfo bi;
    bool ok;

    if (copy == NULL && size != 0)
        return 0;
    if (size != 0)
        memcpy(copy, data, size);
    ok = bootinfo_parse(copy, size, &bi);
    check_invariants(&bi, ok, size);
    check_values(&bi, copy, size);
    free(copy);
    return 0;
}
