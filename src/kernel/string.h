/*
 * string.h: the memory functions the kernel implements (string.c), for
 * kernel code to call and for the compiler, which may emit calls to them
 * for struct copies and zeroing even where the code never names them.
 *
 * The kernel is built with -nostdinc, so the host's <string.h> is not
 * reachable: this header is the kernel's own, included by its path.
 */
#ifndef KERNEL_STRING_H
#define KERNEL_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dest, const void *restrict src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *dest, int value, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
