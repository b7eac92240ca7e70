/*
 * crash_report.h: the text of the panic screen for a CPU exception or a
 * stray interrupt: one sentence naming it, the page-fault error code in
 * words, and the registers. Pure formatting, so host tests can check it.
 */
#ifndef CRASH_REPORT_H
#define CRASH_REPORT_H

#include <stdint.h>

#include "kernel/printer.h"

/* The stack as exception_stubs.asm leaves it; the assembly depends on this layout. */
struct exception_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code; /* error_code is 0 where the CPU pushes none */
    uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

/* What the handler reads from the CPU and the kernel besides the frame. */
struct crash_context {
    uint64_t cr2, cr3;
    uint64_t stack_guard; /* the unmapped page below the kernel stack */
};

void crash_report_exception(const struct exception_frame *frame,
                            const struct crash_context *context, report_printer print);

#endif
