/*
 * bootinfo_check.c: parsing under AddressSanitizer's eye for the host
 * tests (see bootinfo_check.h).
 */
#include "bootinfo_check.h"

#include <stdlib.h>
#include <string.h>

bool parse_bytes(const uint8_t *bytes, size_t capacity, struct bootinfo *bi)
{
    uint8_t *copy = malloc(capacity);
    bool ok;

    if (copy == NULL && capacity != 0)
        abort();
    if (capacity != 0)
        memcpy(copy, bytes, capacity);
    ok = bootinfo_parse(copy, capacity, bi);
    free(copy);
    return ok;
}

bool parse_mbi(const struct mbi *m, struct bootinfo *bi)
{
    return parse_bytes(m->bytes, m->length, bi);
}
