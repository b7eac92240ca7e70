/*
 * page_tables.c: builds and walks the kernel's page tables (see
 * page_tables.h). The layout they encode:
 *
 *   pml4[0] -> pdpt[0..3] -> pd[0..3]: 2 MiB pages, read + write (+ NX)
 *                            pd[0][0] -> low_pt: the first 2 MiB in 4 KiB pages
 *
 *   low_pt:  0             page 0: absent, so a null pointer faults
 *            4 KiB         below the image (BIOS data, VGA): read + write
 *            text_start    .text: read + execute
 *            rodata_start  .rodata: read only
 *            data_start    .data, .bss: read + write, but the stack guard absent
 *            image_end     to 2 MiB (GRUB's boot information, modules): read + write
 *
 * Table entries grant everything; only the last level restricts, so one
 * look at a page's entry tells its rights.
 */
#include "arch/x86_64/paging/page_tables.h"

_Static_assert(KERNEL_IMAGE_LIMIT <= PAGE_TABLE_ENTRIES * PAGE_SIZE_4K,
               "the image must lie in the first 2 MiB, which low_pt maps in 4 KiB pages");

#define TABLE_ENTRY_FLAGS (PAGE_PRESENT | PAGE_WRITABLE)
#define ADDRESS_BITS 48 /* 4-level paging translates bits 0-47 */
#define PAGE_LEVELS 4

static uint64_t table_entry(const uint64_t *table)
{
    return (uint64_t)(uintptr_t)table | TABLE_ENTRY_FLAGS;
}

/* The entry for the 4 KiB page at `address` in the first 2 MiB. */
static uint64_t low_page_entry(const struct kernel_layout *layout, uint64_t address, uint64_t nx)
{
    if (address == 0 || address == layout->stack_guard)
        return 0;
    if (address >= layout->text_start && address < layout->rodata_start)
        return address | PAGE_PRESENT;
    if (address >= layout->rodata_start && address < layout->data_start)
        return address | PAGE_PRESENT | nx;
    return address | PAGE_PRESENT | PAGE_WRITABLE | nx;
}

void page_tables_build(struct page_tables *tables, const struct kernel_layout *layout, bool nx)
{
    uint64_t nx_bit = nx ? PAGE_NX : 0;

    for (unsigned i = 0; i < PAGE_TABLE_ENTRIES; i++) {
        tables->pml4[i] = 0;
        tables->pdpt[i] = 0;
        tables->low_pt[i] = low_page_entry(layout, (uint64_t)i * PAGE_SIZE_4K, nx_bit);
    }
    tables->pml4[0] = table_entry(tables->pdpt);
    for (unsigned gib = 0; gib < BOOT_IDENTITY_MAP_GIB; gib++) {
        tables->pdpt[gib] = table_entry(tables->pd[gib]);
        for (unsigned i = 0; i < PAGE_TABLE_ENTRIES; i++) {
            uint64_t address = (uint64_t)gib * PAGE_SIZE_1G + (uint64_t)i * PAGE_SIZE_2M;
            tables->pd[gib][i] = address | PAGE_PRESENT | PAGE_WRITABLE | PAGE_HUGE | nx_bit;
        }
    }
    tables->pd[0][0] = table_entry(tables->low_pt);
}

struct page_mapping page_tables_lookup(const uint64_t *pml4, uint64_t address)
{
    struct page_mapping mapping = { .writable = true, .executable = true };
    const uint64_t *table = pml4;
    unsigned shift = ADDRESS_BITS - PAGE_TABLE_INDEX_BITS;

    for (unsigned level = PAGE_LEVELS; level > 0; level--) {
        uint64_t entry = table[(address >> shift) % PAGE_TABLE_ENTRIES];
        uint64_t size = (uint64_t)1 << shift;

        if (!(entry & PAGE_PRESENT))
            return (struct page_mapping){ .present = false };
        mapping.writable = mapping.writable && (entry & PAGE_WRITABLE);
        mapping.executable = mapping.executable && !(entry & PAGE_NX);
        if (level == 1 || ((entry & PAGE_HUGE) && level <= 3)) {
            mapping.present = true;
            mapping.page_size = size;
            mapping.physical = (entry & PAGE_ADDRESS_MASK & ~(size - 1)) | (address & (size - 1));
            return mapping;
        }
        table = (const uint64_t *)(uintptr_t)(entry & PAGE_ADDRESS_MASK);
        shift -= PAGE_TABLE_INDEX_BITS;
    }
    return (struct page_mapping){ .present = false };
}
