/*
 * report.h: the boot report, what GRUB told the kernel, laid out for the
 * 80x25 screen.
 */
#ifndef REPORT_H
#define REPORT_H

#include "kernel/bootinfo/bootinfo.h"
#include "kernel/printer.h"

/*
 * Prints loader, command line, memory (usable total, then the map as
 * inclusive ranges with sizes and type names), display, ACPI RSDP, modules
 * and boot device, one labelled line each. Lines fit in 80 columns, but
 * for a command line or module string that is itself longer; those wrap.
 */
void report_print(const struct bootinfo *bi, report_printer print);

#endif
