/*
 * page_tables.h: the kernel's own 4-level page tables, built from where
 * the linker put each part of the image.
 *
 * Pure code: the tables are plain arrays and an entry's physical address
 * is the table's own address (true in the kernel's identity map, and on
 * the host for the unit tests), so the same code builds and walks them.
 */
#ifndef PAGE_TABLES_H
#define PAGE_TABLES_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/boot.h"
#include "arch/x86_64/x86.h"

/* Page-aligned addresses of the image's parts, in the order the linker lays them out. */
struct kernel_layout {
    uint64_t text_start;   /* ELF headers, Multiboot2 header and .text: read + execute */
    uint64_t rodata_start; /* .rodata: read only */
    uint64_t data_start;   /* .data and .bss: read + write */
    uint64_t image_end;    /* first page after .bss */
    uint64_t stack_guard;  /* the page below the boot stack, left unmapped */
};

struct page_tables {
    _Alignas(PAGE_TABLE_SIZE) uint64_t pml4[PAGE_TABLE_ENTRIES];
    uint64_t pdpt[PAGE_TABLE_ENTRIES];
    uint64_t pd[BOOT_IDENTITY_MAP_GIB][PAGE_TABLE_ENTRIES];
    uint64_t low_pt[PAGE_TABLE_ENTRIES]; /* the first 2 MiB, in 4 KiB pages */
};

/*
 * Identity-maps 0 to BOOT_IDENTITY_MAP_GIB GiB, as the boot tables do, but
 * with each page's rights: the first 2 MiB in 4 KiB pages so that page 0
 * (null pointers) and the stack guard are absent and the kernel's parts
 * get the rights above; all else read + write. With nx, everything but
 * .text is also no-execute; without (a CPU lacking NX), bit 63 stays clear
 * because it is reserved there. The image must end within the first 2 MiB.
 */
void page_tables_build(struct page_tables *tables, const struct kernel_layout *layout, bool nx);

struct page_mapping {
    bool present;
    uint64_t physical;
    uint64_t page_size;
    bool writable;   /* every level allows writes */
    bool executable; /* no level sets PAGE_NX */
};

/* Walks the tables under pml4 for a virtual address, as the CPU would. */
struct page_mapping page_tables_lookup(const uint64_t *pml4, uint64_t address);

#endif
