/*
 * memory.h: the memory functions the loaders' C uses. Host builds take
 * them from the C library; our loaders have their own (memory.c),
 * since a freestanding build has no <string.h>.
 */
#ifndef LOADER_MEMORY_H
#define LOADER_MEMORY_H

#include <stddef.h>

void *memcpy(void *restrict dest, const void *restrict src, size_t n);
void *memset(void *dest, int value, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
