/*
 * memory.c: memcpy, memset and memcmp for the loaders' C, which the
 * compiler may also call on its own. The string instructions are the
 * smallest code for all three, and written in assembly they cannot be
 * turned back into calls to themselves. (Host builds use the C library's.)
 */
#include "loader/memory.h"

void *memcpy(void *restrict dest, const void *restrict src, size_t n)
{
    void *d = dest;

    __asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
    return dest;
}

void *memset(void *dest, int value, size_t n)
{
    void *d = dest;

    __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(value) : "memory");
    return dest;
}

/* `repe cmpsb` stops at the first difference, or after n bytes; the
 * bytes it stopped on give the sign. */
int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    if (n == 0)
        return 0;
    __asm__ volatile("repe cmpsb" : "+S"(x), "+D"(y), "+c"(n) : : "memory", "cc");
    return x[-1] - y[-1];
}
