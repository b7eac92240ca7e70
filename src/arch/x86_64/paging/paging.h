/*
 * paging.h: the kernel's own page tables, which give .text, .rodata and
 * .data/.bss their rights and leave page 0 and the stack guard unmapped.
 */
#ifndef PAGING_H
#define PAGING_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/boot.h"
#include "arch/x86_64/paging/page_tables.h"
#include "arch/x86_64/x86.h"

/* The first address past the identity map, the boot tables' and the kernel's alike. */
#define IDENTITY_MAP_END ((uint64_t)BOOT_IDENTITY_MAP_GIB * PAGE_SIZE_1G)

/* Builds the tables and switches CR3 to them; returns paging_nx_enabled(). */
bool paging_init(void);

/* Whether pages can be made no-execute: EFER.NXE, which the boot code sets exactly
 * where CPUID reports NX (bit 63 of an entry is reserved otherwise). */
bool paging_nx_enabled(void);

/* Where the linker and boot32.asm put the image's parts. */
struct kernel_layout paging_kernel_layout(void);

/*
 * Makes [start, start + size) uncached for the CPU's own caches, as video
 * memory must be: sets PCD in each 2 MiB page of the range (the pages'
 * whole 2 MiB are affected), which selects PAT entry 2, UC- since power-on,
 * so writes reach the device at once unless the firmware's MTRRs made the
 * range write-combining, which UC- keeps. After paging_init only; the range
 * must lie between 2 MiB and BOOT_IDENTITY_MAP_GIB GiB. Returns false,
 * changing nothing, if it does not or the firmware left PAT entry 2 as a
 * cached type. Flushes the TLB.
 */
bool paging_make_uncached(uint64_t start, uint64_t size);

#endif
