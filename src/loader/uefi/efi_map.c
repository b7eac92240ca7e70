/*
 * efi_map.c: what efi_map.h promises. The descriptors are read in place
 * (the firmware's buffer is 8-byte aligned and descriptor_size is a
 * multiple of 8 in every firmware; the conversion refuses anything
 * smaller than a descriptor).
 */
#include "loader/uefi/efi_map.h"

#include "arch/x86_64/multiboot2.h"
#include "loader/uefi/efi.h"

#define MULTIBOOT2_MEMORY_PERSISTENT 7  /* ACPI AddressRangePersistentMemory */
#define DESCRIPTOR_ALIGN 8              /* descriptors hold u64 fields */

uint32_t efi_map_type(uint32_t efi_type)
{
    switch (efi_type) {
    case EFI_LOADER_CODE:
    case EFI_LOADER_DATA:
    case EFI_BOOT_SERVICES_CODE:
    case EFI_BOOT_SERVICES_DATA:
    case EFI_CONVENTIONAL_MEMORY:
        return MULTIBOOT2_MEMORY_AVAILABLE;
    case EFI_ACPI_RECLAIM_MEMORY:
        return MULTIBOOT2_MEMORY_ACPI_RECLAIMABLE;
    case EFI_ACPI_MEMORY_NVS:
        return MULTIBOOT2_MEMORY_NVS;
    case EFI_UNUSABLE_MEMORY:
        return MULTIBOOT2_MEMORY_BADRAM;
    case EFI_PERSISTENT_MEMORY:
        return MULTIBOOT2_MEMORY_PERSISTENT;
    default:
        return MULTIBOOT2_MEMORY_RESERVED;
    }
}

/* The descriptor's range as [base, base + length), cut at 2^64 - 1. */
static struct memory_range range_of(const struct efi_memory_descriptor *d)
{
    uint64_t room = UINT64_MAX - d->physical_start;
    uint64_t length = d->number_of_pages > room / EFI_PAGE_SIZE
                          ? room : d->number_of_pages * EFI_PAGE_SIZE;

    return (struct memory_range){ d->physical_start, length, efi_map_type(d->type), 0 };
}

/* Puts `range` into ranges[0..count], which is sorted by base, keeping it
 * sorted; merges it with the range before or after where they touch and
 * share a type. Returns the new count. */
static uint32_t insert(struct memory_range *ranges, uint32_t count, struct memory_range range)
{
    uint32_t at = count;

    while (at > 0 && ranges[at - 1].base > range.base)
        at--;
    if (at > 0 && ranges[at - 1].type == range.type &&
        ranges[at - 1].base + ranges[at - 1].length == range.base) {
        ranges[at - 1].length += range.length;
    } else {
        for (uint32_t i = count; i > at; i--)
            ranges[i] = ranges[i - 1];
        ranges[at] = range;
        count++;
        at++;
    }
    /* ranges[at - 1] holds the new range now; the next may touch it. */
    if (at < count && ranges[at].type == ranges[at - 1].type &&
        ranges[at - 1].base + ranges[at - 1].length == ranges[at].base) {
        ranges[at - 1].length += ranges[at].length;
        for (uint32_t i = at; i + 1 < count; i++)
            ranges[i] = ranges[i + 1];
        count--;
    }
    return count;
}

const char *efi_map_convert(const uint8_t *map, size_t map_size, size_t descriptor_size,
                            struct memory_range *ranges, uint32_t *count)
{
    if (descriptor_size < sizeof(struct efi_memory_descriptor) ||
        descriptor_size % DESCRIPTOR_ALIGN != 0)
        return "the firmware's memory map has a malformed descriptor size";

    *count = 0;
    for (size_t at = 0; map_size - at >= descriptor_size; at += descriptor_size) {
        const struct efi_memory_descriptor *d = (const void *)(map + at);
        if (d->number_of_pages != 0)
            *count = insert(ranges, *count, range_of(d));
    }
    return NULL;
}
