/*
 * test_bootinfo_mmap.c: host tests of the memory-map tag: entries kept and
 * counted, usable bytes summed, entry_size checked, types named.
 */
#include "arch/x86_64/multiboot2.h"
#include "bootinfo_check.h"
#include "check.h"
#include "kernel/bootinfo/bootinfo.h"
#include "mbi_builder.h"

#include <stdint.h>

/* ---- decoding ---- */

TEST(test_bootinfo_counts_memory_above_4gib_as_usable)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_build_grub_uefi(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(0x100000000, bi.mmap[5].base);
    CHECK_EQ_UINT(0xA0000ull + 0x7F700000ull + 0x80000000ull, bi.usable_bytes);
}

TEST(test_bootinfo_keeps_unknown_memory_type_and_names_it_reserved)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_build_grub_uefi(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(20, bi.mmap[2].type);
    CHECK_EQ_STR("reserved", bootinfo_memory_type_name(bi.mmap[2].type));
    CHECK_EQ_STR("reserved", bootinfo_memory_type_name(0));
    CHECK_EQ_STR("reserved", bootinfo_memory_type_name(0xFFFFFFFF));
}

TEST(test_bootinfo_names_memory_types)
{
    CHECK_EQ_STR("available", bootinfo_memory_type_name(MULTIBOOT2_MEMORY_AVAILABLE));
    CHECK_EQ_STR("reserved", bootinfo_memory_type_name(MULTIBOOT2_MEMORY_RESERVED));
    CHECK_EQ_STR("ACPI reclaimable", bootinfo_memory_type_name(MULTIBOOT2_MEMORY_ACPI_RECLAIMABLE));
    CHECK_EQ_STR("ACPI NVS", bootinfo_memory_type_name(MULTIBOOT2_MEMORY_NVS));
    CHECK_EQ_STR("bad RAM", bootinfo_memory_type_name(MULTIBOOT2_MEMORY_BADRAM));
}

TEST(test_bootinfo_steps_memory_map_by_larger_entry_size)
{
    static const struct region r[] = {{0x1000, 0x2000, 1}, {0x100000, 0x300000, 1}};
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};

    mbi_begin(&m);
    body_mmap(&b, r, 2, 32);
    mbi_add(&m, MULTIBOOT2_TAG_TYPE_MMAP, &b);
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(2, bi.mmap_count);
    CHECK_EQ_UINT(0x100000, bi.mmap[1].base);
    CHECK_EQ_UINT(0x302000, bi.usable_bytes);
}

TEST(test_bootinfo_counts_memory_regions_beyond_array)
{
    static struct region r[BOOTINFO_MAX_MMAP_ENTRIES + 6];
    struct mbi m;
    struct bootinfo bi;

    for (int i = 0; i < COUNT(r); i++)
        r[i] = (struct region){(uint64_t)i << 20, 0x1000, MULTIBOOT2_MEMORY_AVAILABLE};
    mbi_begin(&m);
    mbi_add_mmap(&m, r, COUNT(r));
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(BOOTINFO_MAX_MMAP_ENTRIES, bi.mmap_count);
    CHECK_EQ_UINT(6, bi.mmap_dropped);
    CHECK_EQ_UINT((uint64_t)(BOOTINFO_MAX_MMAP_ENTRIES - 1) << 20,
                  bi.mmap[BOOTINFO_MAX_MMAP_ENTRIES - 1].base);
    CHECK_EQ_UINT(COUNT(r) * 0x1000ull, bi.usable_bytes);
}

TEST(test_bootinfo_saturates_usable_bytes)
{
    static const struct region r[] = {
        {0, UINT64_MAX - 10, MULTIBOOT2_MEMORY_AVAILABLE},
        {0, 100, MULTIBOOT2_MEMORY_AVAILABLE},
    };
    struct mbi m;
    struct bootinfo bi;

    mbi_begin(&m);
    mbi_add_mmap(&m, r, 2);
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(UINT64_MAX, bi.usable_bytes);
}

/* ---- a bad entry_size ---- */

/* A memory map whose entry_size is `entry_size`, holding `entries` 24-byte
 * entries, between two good tags; the map must be skipped with `reason`. */
static void check_mmap_rejected(uint32_t entry_size, int entries, const char *reason)
{
    static const struct region r[] = {{0, 0x1000, 1}, {0x1000, 0x1000, 1}};
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};
    size_t at;

    mbi_begin(&m);
    mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "before");
    body_mmap(&b, r, entries, 24);
    put_le(b.bytes, entry_size, 4);
    at = mbi_add(&m, MULTIBOOT2_TAG_TYPE_MMAP, &b);
    mbi_add_meminfo(&m, 639, 1000);
    mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK(bi.complete);
    CHECK_EQ_UINT(1, bi.problem_count);
    CHECK_PROBLEM(bi.problems[0], reason, at, MULTIBOOT2_TAG_TYPE_MMAP, 1);
    CHECK(!bootinfo_has(&bi, MULTIBOOT2_TAG_TYPE_MMAP));
    CHECK_EQ_UINT(0, bi.mmap_count);
    CHECK_EQ_UINT(0, bi.usable_bytes);
    CHECK_EQ_STR("before", bi.cmdline);
    CHECK_EQ_UINT(1000, bi.mem_upper_kib);
}

TEST(test_bootinfo_rejects_memory_map_entry_size_0)
{
    check_mmap_rejected(0, 2, "memory map entry_size is 0");
}

TEST(test_bootinfo_rejects_memory_map_entry_size_not_multiple_of_8)
{
    check_mmap_rejected(20, 2, "memory map entry_size is not a multiple of 8");
}

TEST(test_bootinfo_rejects_memory_map_entry_size_below_24)
{
    check_mmap_rejected(16, 2, "memory map entry_size is below 24");
}

TEST(test_bootinfo_rejects_memory_map_entry_size_larger_than_tag)
{
    check_mmap_rejected(56, 2, "memory map entry_size is larger than the tag");
    check_mmap_rejected(24, 0, "memory map entry_size is larger than the tag");
}
