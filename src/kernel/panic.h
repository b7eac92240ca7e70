/*
 * panic.h: the end of the world, said clearly: a white-on-red screen with
 * a sentence, on the display and COM1, then a halt with interrupts off.
 * A fault while the screen is drawn, or an NMI at the halt after it,
 * leaves the screen as it is, says so on COM1 and halts.
 */
#ifndef PANIC_H
#define PANIC_H

#include <stdnoreturn.h>

#include "arch/x86_64/cpu/exception.h"

/* For the kernel's own fatal errors: "longboot: kernel panic: <message>; halting." */
noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The handler kmain gives exception_init: the panic screen for a CPU exception. */
noreturn void panic_on_exception(const struct exception_frame *frame,
                                 const struct crash_context *context);

#endif
