/*
 * test_page_tables.c: host tests of page_tables.c, the kernel's page
 * tables. Each test builds the tables for a layout like the real kernel's
 * and walks them with page_tables_lookup, as the CPU would, on the host:
 * a table's "physical" address is its address in this process.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arch/x86_64/paging/page_tables.h"
#include "check.h"

#define KIB 0x400ull
#define MIB 0x100000ull
#define GIB 0x40000000ull

static const struct kernel_layout layout = {
    .text_start = 0x100000,
    .rodata_start = 0x103000,
    .data_start = 0x105000,
    .stack_guard = 0x10c000,
    .image_end = 0x11a000,
};

static struct page_tables tables;

static struct page_mapping look(uint64_t address)
{
    return page_tables_lookup(tables.pml4, address);
}

/* Every 4 KiB page of [start, end) maps itself with exactly these rights. */
static void check_range(uint64_t start, uint64_t end, bool writable, bool executable)
{
    for (uint64_t address = start; address < end; address += 4 * KIB) {
        struct page_mapping page = look(address);

        if (!page.present || page.physical != address || page.writable != writable ||
            page.executable != executable)
            check_fail(__FILE__, __LINE__, "0x%llx: expected present identity %s%s, saw "
                       "present=%d physical=0x%llx writable=%d executable=%d",
                       (unsigned long long)address, writable ? "RW" : "R-", executable ? "X" : "-",
                       page.present, (unsigned long long)page.physical, page.writable,
                       page.executable);
    }
}

TEST(test_page_zero_is_unmapped_so_null_pointers_fault)
{
    page_tables_build(&tables, &layout, true);
    CHECK(!look(0).present);
    CHECK(!look(4 * KIB - 1).present);
    CHECK(look(4 * KIB).present);
}

TEST(test_memory_below_the_image_is_read_write_no_execute)
{
    page_tables_build(&tables, &layout, true);
    check_range(4 * KIB, layout.text_start, true, false);
    CHECK_EQ_UINT(0xB8000, look(0xB8000).physical);
}

TEST(test_text_is_read_execute_and_not_writable)
{
    page_tables_build(&tables, &layout, true);
    check_range(layout.text_start, layout.rodata_start, false, true);
}

TEST(test_rodata_is_read_only_and_no_execute)
{
    page_tables_build(&tables, &layout, true);
    check_range(layout.rodata_start, layout.data_start, false, false);
}

TEST(test_data_and_bss_are_read_write_no_execute_around_the_guard)
{
    page_tables_build(&tables, &layout, true);
    check_range(layout.data_start, layout.stack_guard, true, false);
    CHECK(!look(layout.stack_guard).present);
    CHECK(!look(layout.stack_guard + 4 * KIB - 1).present);
    check_range(layout.stack_guard + 4 * KIB, layout.image_end, true, false);
}

TEST(test_rest_of_first_2_mib_is_read_write_no_execute_in_4_kib_pages)
{
    page_tables_build(&tables, &layout, true);
    check_range(layout.image_end, 2 * MIB, true, false);
    CHECK_EQ_UINT(4 * KIB, look(2 * MIB - 1).page_size);
}

TEST(test_2_mib_to_4_gib_is_identity_mapped_in_2_mib_pages)
{
    page_tables_build(&tables, &layout, true);
    for (uint64_t address = 2 * MIB; address < 4 * GIB; address += 2 * MIB) {
        struct page_mapping page = look(address + 0x1234);

        if (!page.present || page.physical != address + 0x1234 || page.page_size != 2 * MIB ||
            !page.writable || page.executable)
            check_fail(__FILE__, __LINE__, "0x%llx: expected a 2 MiB RW NX identity page",
                       (unsigned long long)address);
    }
}

TEST(test_nothing_at_or_above_4_gib_is_mapped)
{
    page_tables_build(&tables, &layout, true);
    CHECK(!look(4 * GIB).present);
    CHECK(!look(0x100000000000).present);
    CHECK(!look(0xFFFFFFFFFFFFF000).present);
}

TEST(test_offset_within_a_page_is_kept)
{
    page_tables_build(&tables, &layout, true);
    CHECK_EQ_UINT(layout.text_start + 0x123, look(layout.text_start + 0x123).physical);
}

static bool any_entry_has_nx(void)
{
    const uint64_t *entry = (const uint64_t *)&tables;

    for (size_t i = 0; i < sizeof tables / sizeof *entry; i++)
        if (entry[i] & PAGE_NX)
            return true;
    return false;
}

TEST(test_without_nx_no_entry_sets_the_reserved_bit_63)
{
    page_tables_build(&tables, &layout, false);
    CHECK(!any_entry_has_nx());
    check_range(layout.rodata_start, layout.data_start, false, true);
    check_range(layout.data_start, layout.stack_guard, true, true);
    CHECK(!look(layout.text_start).writable);
    CHECK(!look(layout.stack_guard).present);
}

TEST(test_with_nx_only_text_is_executable_in_the_first_2_mib)
{
    page_tables_build(&tables, &layout, true);
    for (uint64_t address = 0; address < 2 * MIB; address += 4 * KIB) {
        struct page_mapping page = look(address);
        bool in_text = address >= layout.text_start && address < layout.rodata_start;

        if (page.present && page.executable != in_text)
            check_fail(__FILE__, __LINE__, "0x%llx: expected executable=%d",
                       (unsigned long long)address, in_text);
    }
}

TEST(test_lookup_follows_a_1_gib_page)
{
    static _Alignas(PAGE_TABLE_SIZE) uint64_t pml4[PAGE_TABLE_ENTRIES];
    static _Alignas(PAGE_TABLE_SIZE) uint64_t pdpt[PAGE_TABLE_ENTRIES];

    pml4[0] = (uint64_t)(uintptr_t)pdpt | PAGE_PRESENT | PAGE_WRITABLE;
    pdpt[1] = GIB | PAGE_PRESENT | PAGE_HUGE | PAGE_NX;
    struct page_mapping page = page_tables_lookup(pml4, GIB + 0x12345678);

    CHECK(page.present);
    CHECK_EQ_UINT(GIB + 0x12345678, page.physical);
    CHECK_EQ_UINT(GIB, page.page_size);
    CHECK(!page.writable);
    CHECK(!page.executable);
    CHECK(!page_tables_lookup(pml4, 2 * GIB).present);
}

TEST(test_building_twice_gives_the_same_tables)
{
    static struct page_tables first;

    memset(&tables, 0xA5, sizeof tables);
    page_tables_build(&tables, &layout, true);
    memcpy(&first, &tables, sizeof first);
    page_tables_build(&tables, &layout, true);
    CHECK(memcmp(&first, &tables, sizeof first) == 0);
}
