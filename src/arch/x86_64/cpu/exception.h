/*
 * exception.h: CPU exceptions and stray interrupts become a report and a
 * halt, never a silent triple fault and reboot.
 */
#ifndef EXCEPTION_H
#define EXCEPTION_H

#include <stdint.h>

#include "arch/x86_64/asm_symbols.h"

/* What the CPU and the memory layout tell about an exception besides its frame. */
struct crash_context {
    uint64_t cr2, cr3;
    uint64_t stack_guard; /* the unmapped page below the kernel stack */
};

/*
 * The kernel's one hook into a fatal CPU event (the panic screen): it is
 * handed in rather than called by name, so this layer never calls up
 * into the kernel. Should it return, the CPU halts anyway.
 */
typedef void (*exception_handler)(const struct exception_frame *frame,
                                  const struct crash_context *context);

/* Loads the TSS and an IDT whose 256 vectors all lead to handler, then a halt. */
void exception_init(exception_handler handler);

#endif
