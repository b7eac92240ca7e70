/*
 * escape.c: see escape.h. Printable runs go out in one call each, so a
 * long command line costs a few calls, not one per byte.
 */
#include "kernel/escape.h"

#include <stdbool.h>
#include <stddef.h>

#define FIRST_PRINTABLE 0x20 /* space */
#define LAST_PRINTABLE 0x7E  /* tilde; 0x7F is DEL */

static bool printable(unsigned char c)
{
    return c >= FIRST_PRINTABLE && c <= LAST_PRINTABLE;
}

void escape_print(report_printer print, const char *text)
{
    const unsigned char *p = (const unsigned char *)text;

    while (*p) {
        size_t run = 0;

        while (p[run] && printable(p[run]))
            run++;
        if (run > 0) {
            print("%.*s", (int)run, (const char *)p);
            p += run;
        } else {
            print("\\x%02x", *p);
            p++;
        }
    }
}
