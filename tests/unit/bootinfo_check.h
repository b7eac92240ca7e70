/*
 * bootinfo_check.h: running bootinfo_parse() in the host tests so that
 * AddressSanitizer sees every byte it reads past the capacity it was
 * given, and checking the problems it reports.
 */
#ifndef BOOTINFO_CHECK_H
#define BOOTINFO_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "kernel/bootinfo/bootinfo.h"
#include "mbi_builder.h"

/* Parses the first `capacity` bytes from a malloc'd block of exactly that
 * size, so that AddressSanitizer reports any read past it. */
bool parse_bytes(const uint8_t *bytes, size_t capacity, struct bootinfo *bi);

/* The same for an MBI built by mbi_builder.h, with its length as capacity. */
bool parse_mbi(const struct mbi *m, struct bootinfo *bi);

/* The bit struct bootinfo.present holds for a tag type. */
#define BIT(type) (UINT32_C(1) << (type))

#define CHECK_PROBLEM(p, reason_, offset_, type_, index_)                   \
    do {                                                                    \
        CHECK_EQ_STR(reason_, (p).reason);                                  \
        CHECK_EQ_UINT(offset_, (p).offset);                                 \
        CHECK_EQ_UINT(type_, (p).tag_type);                                 \
        CHECK_EQ_UINT(index_, (p).tag_index);                               \
    } while (0)

#endif
