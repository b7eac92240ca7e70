/*
 * exception.h: CPU exceptions and stray interrupts become a report and a
 * halt, never a silent triple fault and reboot.
 */
#ifndef EXCEPTION_H
#define EXCEPTION_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/asm_symbols.h"

/* What the machine-check banks said, read for a #MC only. */
struct machine_check {
    bool has_banks;  /* CPUID reports the machine-check architecture */
    bool logged;     /* a bank holds a valid error: the first such below */
    uint32_t bank;
    uint64_t status; /* its IA32_MCi_STATUS */
};

/* What the CPU and the memory layout tell about an exception besides its frame. */
struct crash_context {
    uint64_t cr2, cr3;
    uint64_t stack_guard; /* the unmapped page below the kernel stack */
    struct machine_check machine_check;
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
