/*
 * paging.c: swaps the boot page tables (boot32.asm: everything writable
 * and executable, in 2 MiB pages) for the kernel's own (page_tables.c).
 *
 * The new tables map every address the old ones did to the same place,
 * so the code doing the switch keeps running; only rights change. A
 * single CR3 write installs them and flushes the old translations. Later,
 * the framebuffer console has its pages made uncached here.
 */
#include "arch/x86_64/paging/paging.h"

#include <stdint.h>

#include "arch/x86_64/asm_symbols.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"

static struct page_tables kernel_tables;

struct kernel_layout paging_kernel_layout(void)
{
    return (struct kernel_layout){
        .text_start = (uintptr_t)kernel_text_start,
        .rodata_start = (uintptr_t)kernel_rodata_start,
        .data_start = (uintptr_t)kernel_data_start,
        .image_end = (uintptr_t)kernel_image_end,
        .stack_guard = (uintptr_t)boot_stack_guard,
    };
}

bool paging_nx_enabled(void)
{
    return read_msr(MSR_EFER) & EFER_NXE;
}

bool paging_init(void)
{
    struct kernel_layout layout = paging_kernel_layout();
    bool nx = paging_nx_enabled();

    page_tables_build(&kernel_tables, &layout, nx);
    write_cr3((uintptr_t)kernel_tables.pml4);
    return nx;
}

bool paging_make_uncached(uint64_t start, uint64_t size)
{
    uint64_t end = IDENTITY_MAP_END;
    unsigned type = read_msr(MSR_PAT) >> (PAT_ENTRY_PCD * PAT_ENTRY_BITS) & PAT_TYPE_MASK;

    if (start < PAGE_SIZE_2M || start >= end || size > end - start)
        return false;
    if (type != PAT_TYPE_UC && type != PAT_TYPE_UC_MINUS)
        return false;
    for (uint64_t page = start & ~(uint64_t)(PAGE_SIZE_2M - 1); page < start + size;
         page += PAGE_SIZE_2M)
        kernel_tables.pd[page / PAGE_SIZE_1G][page % PAGE_SIZE_1G / PAGE_SIZE_2M] |=
            PAGE_CACHE_DISABLE;
    /* Reloading CR3 drops every cached translation, the old memory type with them. */
    write_cr3((uintptr_t)kernel_tables.pml4);
    return true;
}
