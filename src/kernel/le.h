/*
 * le.h: little-endian loads from byte buffers.
 *
 * For data a boot loader or a file hands over, such as the Multiboot2 boot
 * information: its fields carry no alignment guarantee, so reading them
 * through a cast pointer would be undefined behaviour (and a fault on
 * strict-alignment CPUs). Byte by byte is safe at any address and gives
 * the same value on a big-endian host.
 */
#ifndef LE_H
#define LE_H

#include <stdint.h>

static inline uint16_t le_load16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t le_load32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static inline uint64_t le_load64(const uint8_t *p)
{
    return le_load32(p) | (uint64_t)le_load32(p + 4) << 32;
}

#endif
