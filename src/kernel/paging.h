/*
 * paging.h: the kernel's own page tables, which give .text, .rodata and
 * .data/.bss their rights and leave page 0 and the stack guard unmapped.
 */
#ifndef PAGING_H
#define PAGING_H

#include <stdbool.h>

#include "page_tables.h"

/* Builds the tables and switches CR3 to them; returns whether NX is in use. */
bool paging_init(void);

/* Where the linker and boot32.asm put the image's parts. */
struct kernel_layout paging_kernel_layout(void);

#endif
