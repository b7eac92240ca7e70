/*
 * string.c: the four memory functions of string.h, which a freestanding
 * C compiler may also call on its own. Byte loops: the kernel copies
 * little, and correctness beats speed here.
 */
#include "kernel/string.h"

void *memcpy(void *restrict dest, const void *restrict src, size_t n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;

    while (n--)
        *d++ = *s++;
    return dest;
}

void *memmove(void *dest, const void *src, size_t n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;

    if (d < s) {
        while (n--)
            *d++ = *s++;
    } else {
        while (n--)
            d[n] = s[n];
    }
    return dest;
}

void *memset(void *dest, int value, size_t n)
{
    unsigned char *d = dest;

    while (n--)
        *d++ = (unsigned char)value;
    return dest;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}
