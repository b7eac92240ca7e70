/*
 * handoff.c: the page tables start64 expects, and the jump to it through
 * a copy of handoff_stub.asm (loader.h says why a copy).
 *
 * The tables, as the kernel's trampoline and the BIOS loader build them
 * (src/arch/x86_64/boot/identity_map.inc draws them): a PML4 whose entry 0
 * points at a PDPT, whose entries 0-3 point at four page directories of
 * 2 MiB pages, physical n * 2 MiB in entry n; all writable, none NX.
 */
#include "loader/uefi/loader.h"

#include <stddef.h>

#include "arch/x86_64/boot.h"
#include "arch/x86_64/x86.h"
#include "loader/memory.h"

#define PDPT_OFFSET PAGE_TABLE_SIZE
#define PDS_OFFSET (2 * PAGE_TABLE_SIZE)
#define TABLE_FLAGS (PAGE_PRESENT | PAGE_WRITABLE)
#define STUB_OFFSET (PDS_OFFSET + BOOT_IDENTITY_MAP_GIB * PAGE_TABLE_SIZE)
#define PD_ENTRIES (BOOT_IDENTITY_MAP_GIB * PAGE_TABLE_ENTRIES)

_Static_assert(offsetof(struct drawn_sentence, text) == 0 &&
               offsetof(struct drawn_sentence, pixels) == 8 &&
               offsetof(struct drawn_sentence, screen) == 16 &&
               offsetof(struct drawn_sentence, bytes) == 24 && sizeof(struct drawn_sentence) == 32,
               "handoff_stub.asm reads struct drawn_sentence at these offsets");
_Static_assert(STUB_OFFSET + PAGE_TABLE_SIZE == HANDOFF_PAGES * EFI_PAGE_SIZE,
               "HANDOFF_PAGES: the tables and one page for the stub");

extern const uint8_t handoff_start[], handoff_fault_sentence[], handoff_end[]; /* handoff_stub.asm */

/* handoff_stub.asm's contract: PML4, entry, boot information, stack top. */
typedef void handoff_stub(uint64_t pml4, uint64_t entry, uint64_t boot_info, uint64_t stack_top);

static void build_identity_map(uint8_t *area)
{
    uint64_t *pml4 = (void *)area, *pdpt = (void *)(area + PDPT_OFFSET);
    uint64_t *pds = (void *)(area + PDS_OFFSET);

    memset(area, 0, STUB_OFFSET);
    pml4[0] = (uintptr_t)pdpt | TABLE_FLAGS;
    for (uint64_t i = 0; i < BOOT_IDENTITY_MAP_GIB; i++)
        pdpt[i] = ((uintptr_t)pds + i * PAGE_TABLE_SIZE) | TABLE_FLAGS;
    for (uint64_t n = 0; n < PD_ENTRIES; n++)
        pds[n] = n * PAGE_SIZE_2M | TABLE_FLAGS | PAGE_HUGE;
}

_Noreturn void handoff(uint8_t *area, uint64_t entry, uint64_t boot_info,
                       const struct drawn_sentence *fault)
{
    uint8_t *stub = area + STUB_OFFSET;

    build_identity_map(area);
    memcpy(stub, handoff_start, (size_t)(handoff_end - handoff_start));
    memcpy(stub + (handoff_fault_sentence - handoff_start), fault, sizeof *fault);
    ((handoff_stub *)(void *)stub)((uintptr_t)area, entry, boot_info,
                                   (uintptr_t)stub + PAGE_TABLE_SIZE);
    __builtin_unreachable();
}
