/*
 * paging.c: the memory type of a range of the boot identity map.
 *
 * boot32.asm maps 0-4 GiB with 2 MiB pages (PML4 -> PDPT -> four PDs);
 * the tables sit in identity-mapped memory, so their physical addresses
 * can be followed directly from CR3.
 */
#include "paging.h"

#include "cpu.h"
#include "x86.h"

#define PD_INDEX_SHIFT 21   /* bits 21-29 of an address pick the PD entry */
#define PDPT_INDEX_SHIFT 30 /* bits 30-38 pick the PDPT entry */
#define TABLE_INDEX_MASK (PAGE_TABLE_ENTRIES - 1)

static uint64_t *table_at(uint64_t entry)
{
    return (uint64_t *)(uintptr_t)(entry & PAGE_ADDRESS_MASK);
}

bool paging_make_uncached(uint64_t start, uint64_t size)
{
    uint64_t *pdpt = table_at(table_at(read_cr3())[0]);
    uint64_t first = start & ~(uint64_t)(PAGE_SIZE_2M - 1);
    unsigned type = read_msr(MSR_PAT) >> (PAT_ENTRY_PCD * PAT_ENTRY_BITS) & PAT_TYPE_MASK;

    if (type != PAT_TYPE_UC && type != PAT_TYPE_UC_MINUS)
        return false;
    for (uint64_t page = first; page < start + size; page += PAGE_SIZE_2M) {
        uint64_t *pd = table_at(pdpt[page >> PDPT_INDEX_SHIFT & TABLE_INDEX_MASK]);
        pd[page >> PD_INDEX_SHIFT & TABLE_INDEX_MASK] |= PAGE_CACHE_DISABLE;
    }
    /* Reloading CR3 drops every cached translation, the old memory type with them. */
    __asm__ volatile("mov %0, %%cr3" : : "r"(read_cr3()) : "memory");
    return true;
}
