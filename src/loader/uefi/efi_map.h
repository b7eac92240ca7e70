/*
 * efi_map.h: the UEFI memory map turned into a Multiboot2 memory map, as
 * the UEFI loader hands it to the kernel. Pure C, tested on the host
 * (tests/unit/test_efi_map.c).
 */
#ifndef LOADER_UEFI_EFI_MAP_H
#define LOADER_UEFI_EFI_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "loader/mbi_writer.h"

/*
 * The Multiboot2 type of an EFI memory type, as ACPI 6.4's table
 * "UEFI Memory Types and mapping to ACPI address range types" (§15.4)
 * gives it: loader, boot-services and conventional memory are available
 * once boot services have ended; runtime services, MMIO, PAL code and
 * reserved memory are reserved; ACPI reclaim and NVS keep their meaning;
 * unusable memory is bad RAM; persistent memory is type 7; a type UEFI
 * 2.9 does not define is reserved.
 */
uint32_t efi_map_type(uint32_t efi_type);

/*
 * Converts the EFI memory map map[0..map_size), descriptors
 * descriptor_size bytes apart, into ranges[] sorted by base, with
 * neighbours of one type that touch merged into one range. ranges[] has
 * room for map_size / descriptor_size entries, which is the most this
 * can write. Returns NULL and sets *count, or an English phrase saying
 * why the map cannot be read (for the loader's sentence). A descriptor
 * whose end would pass 2^64 is cut at 2^64 - 1.
 */
const char *efi_map_convert(const uint8_t *map, size_t map_size, size_t descriptor_size,
                            struct memory_range *ranges, uint32_t *count);

#endif
