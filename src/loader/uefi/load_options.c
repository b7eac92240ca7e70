/*
 * load_options.c: what load_options.h promises. An odd last byte is half
 * a character and is not read.
 */
#include "loader/uefi/load_options.h"

#define FIRST_PRINTABLE ' '
#define LAST_PRINTABLE '~'
#define REPLACEMENT '?'

size_t load_options_text(const uint16_t *options, uint32_t size, char *text)
{
    size_t length = 0;

    while (length < size / sizeof *options && options[length] != 0) {
        uint16_t c = options[length];
        text[length++] = c >= FIRST_PRINTABLE && c <= LAST_PRINTABLE ? (char)c : REPLACEMENT;
    }
    return length;
}
