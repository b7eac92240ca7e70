/*
 * escape.h: printing text that came from outside the kernel (the boot
 * loader's command line, name and module strings) so that what is shown
 * is what was passed: every byte outside printable ASCII appears as \xNN,
 * on screen and on COM1 alike, instead of moving the cursor, erasing, or
 * reaching a terminal as a control sequence.
 */
#ifndef ESCAPE_H
#define ESCAPE_H

#include "kernel/printer.h"

void escape_print(report_printer print, const char *text);

#endif
