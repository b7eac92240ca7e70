/*
 * crash_report.h: the text of the panic screen for a CPU exception or a
 * stray interrupt: one sentence naming it, the page-fault error code in
 * words, and the registers. Pure formatting, so host tests can check it.
 */
#ifndef CRASH_REPORT_H
#define CRASH_REPORT_H

#include "arch/x86_64/cpu/exception.h"
#include "kernel/printer.h"

void crash_report_exception(const struct exception_frame *frame,
                            const struct crash_context *context, report_printer print);

#endif
