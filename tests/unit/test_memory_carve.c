/*
 * test_memory_carve.c: host tests of memory_carve.c on memory maps written
 * out by hand, as the framebuffer console's cells are carved at boot.
 */
#include <stdint.h>
#include <string.h>

#include "arch/x86_64/multiboot2.h"
#include "check.h"
#include "kernel/bootinfo/bootinfo.h"
#include "kernel/memory_carve.h"

#define MIB 0x100000ull
#define GIB (1024 * MIB)
#define PAGE 0x1000ull
#define RESERVED 2

static struct bootinfo bi;

/* bi with no module and the given map entries: (base, length, type) triples. */
static void map(size_t count, const uint64_t entries[][3])
{
    memset(&bi, 0, sizeof bi);
    for (size_t i = 0; i < count; i++)
        bi.mmap[i] = (struct bootinfo_mmap_entry){ entries[i][0], entries[i][1],
                                                   (uint32_t)entries[i][2] };
    bi.mmap_count = (uint32_t)count;
    bi.complete = true;
}

static const uint64_t pc_128m[][3] = {
    { 0, 0x9fc00, MULTIBOOT2_MEMORY_AVAILABLE },
    { 0xf0000, 0x10000, RESERVED },
    { MIB, 127 * MIB, MULTIBOOT2_MEMORY_AVAILABLE },
};

TEST(test_carve_takes_the_lowest_fit_at_or_above_the_floor)
{
    map(3, pc_128m);
    CHECK_EQ_UINT(2 * MIB, memory_carve(&bi, 64 * 1024, PAGE, 2 * MIB, 4 * GIB, NULL, 0));
    CHECK_EQ_UINT(0x2000, memory_carve(&bi, PAGE, PAGE, 0x1800, 4 * GIB, NULL, 0));
}

TEST(test_carve_steps_over_the_ranges_to_keep)
{
    const struct phys_range kernel = { MIB, MIB + 0x2b000 };
    const struct phys_range mbi = { MIB + 0x2b000, MIB + 0x2c100 };
    const struct phys_range both[] = { kernel, mbi };

    map(3, pc_128m);
    CHECK_EQ_UINT(MIB + 0x2d000, memory_carve(&bi, 16 * PAGE, PAGE, MIB, 4 * GIB, both, 2));
}

TEST(test_carve_steps_over_grubs_modules)
{
    map(3, pc_128m);
    bi.modules[0] = (struct bootinfo_module){ .start = 2 * MIB, .end = 2 * MIB + 100 };
    bi.modules[1] = (struct bootinfo_module){ .start = 3 * MIB, .end = 5 * MIB };
    bi.module_count = 2;
    CHECK_EQ_UINT(2 * MIB + PAGE, memory_carve(&bi, PAGE, PAGE, 2 * MIB, 4 * GIB, NULL, 0));
    CHECK_EQ_UINT(5 * MIB, memory_carve(&bi, MIB, PAGE, 2 * MIB, 4 * GIB, NULL, 0));
}

TEST(test_carve_uses_only_available_regions_large_enough)
{
    static const uint64_t holes[][3] = {
        { MIB, 4 * PAGE, MULTIBOOT2_MEMORY_AVAILABLE },
        { MIB + 4 * PAGE, 64 * MIB, RESERVED },
        { 80 * MIB, 16 * MIB, MULTIBOOT2_MEMORY_AVAILABLE },
    };

    map(3, holes);
    CHECK_EQ_UINT(MIB, memory_carve(&bi, 4 * PAGE, PAGE, MIB, 4 * GIB, NULL, 0));
    CHECK_EQ_UINT(80 * MIB, memory_carve(&bi, 5 * PAGE, PAGE, MIB, 4 * GIB, NULL, 0));
    CHECK_EQ_UINT(0, memory_carve(&bi, 17 * MIB, PAGE, MIB, 4 * GIB, NULL, 0));
}

TEST(test_carve_ends_at_or_below_the_limit)
{
    static const uint64_t high[][3] = {
        { 4 * GIB - 2 * MIB, 4 * GIB, MULTIBOOT2_MEMORY_AVAILABLE },
    };

    map(1, high);
    CHECK_EQ_UINT(4 * GIB - 2 * MIB, memory_carve(&bi, 2 * MIB, PAGE, MIB, 4 * GIB, NULL, 0));
    CHECK_EQ_UINT(0, memory_carve(&bi, 2 * MIB + 1, PAGE, MIB, 4 * GIB, NULL, 0));
}

TEST(test_carve_aligns_and_refuses_a_bad_alignment_or_size_0)
{
    static const uint64_t odd[][3] = {
        { MIB + 0x123, 8 * MIB, MULTIBOOT2_MEMORY_AVAILABLE },
    };

    map(1, odd);
    CHECK_EQ_UINT(2 * MIB, memory_carve(&bi, PAGE, 2 * MIB, MIB, 4 * GIB, NULL, 0));
    CHECK_EQ_UINT(MIB + PAGE, memory_carve(&bi, PAGE, PAGE, MIB, 4 * GIB, NULL, 0));
    CHECK_EQ_UINT(0, memory_carve(&bi, PAGE, 3 * PAGE, MIB, 4 * GIB, NULL, 0));
    CHECK_EQ_UINT(0, memory_carve(&bi, 0, PAGE, MIB, 4 * GIB, NULL, 0));
}

TEST(test_carve_takes_the_lowest_place_whatever_the_map_order)
{
    static const uint64_t backwards[][3] = {
        { 64 * MIB, MIB, MULTIBOOT2_MEMORY_AVAILABLE },
        { 8 * MIB, MIB, MULTIBOOT2_MEMORY_AVAILABLE },
    };

    map(2, backwards);
    CHECK_EQ_UINT(8 * MIB, memory_carve(&bi, PAGE, PAGE, MIB, 4 * GIB, NULL, 0));
}

TEST(test_carve_survives_entries_that_wrap_around)
{
    static const uint64_t wrapping[][3] = {
        { UINT64_MAX - PAGE, 4 * PAGE, MULTIBOOT2_MEMORY_AVAILABLE },
        { UINT64_MAX - PAGE, PAGE, MULTIBOOT2_MEMORY_AVAILABLE },
    };

    map(2, wrapping);
    CHECK_EQ_UINT(0, memory_carve(&bi, PAGE, PAGE, MIB, UINT64_MAX, NULL, 0));
}

TEST(test_carve_refuses_while_a_module_goes_unlisted)
{
    map(3, pc_128m);
    bi.modules_dropped = 1;
    CHECK_EQ_UINT(0, memory_carve(&bi, PAGE, PAGE, 2 * MIB, 4 * GIB, NULL, 0));
    map(3, pc_128m);
    bi.complete = false;
    CHECK_EQ_UINT(0, memory_carve(&bi, PAGE, PAGE, 2 * MIB, 4 * GIB, NULL, 0));
}
