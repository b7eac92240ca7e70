/*
 * capture.c: the capturing printer of capture.h.
 */
#include "capture.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define CAPTURE_BYTES 16384

static char text[CAPTURE_BYTES];
static size_t length;
static int overflowed;

const char *capture_lines[CAPTURE_MAX_LINES];
int capture_unterminated;

void capture_reset(void)
{
    length = 0;
    overflowed = 0;
    text[0] = '\0';
}

void capture_print(const char *fmt, ...)
{
    size_t room = sizeof text - length;
    va_list args;

    va_start(args, fmt);
    int n = vsnprintf(text + length, room, fmt, args);
    va_end(args);
    if (n < 0 || (size_t)n >= room) {
        overflowed = 1;
        length = sizeof text - 1;
    } else {
        length += (size_t)n;
    }
}

int capture_split(void)
{
    int count = 0;
    char *p = text;

    capture_unterminated = 0;
    if (overflowed)
        check_fail(__FILE__, __LINE__, "expected under %d bytes of output, saw more",
                   CAPTURE_BYTES);
    while (*p && count < CAPTURE_MAX_LINES) {
        char *newline = strchr(p, '\n');
        capture_lines[count++] = p;
        if (!newline) {
            capture_unterminated = 1;
            check_fail(__FILE__, __LINE__, "expected output ending in a newline, saw \"%s\"", p);
            break;
        }
        *newline = '\0';
        p = newline + 1;
    }
    return count;
}
