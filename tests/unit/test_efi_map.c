/*
 * test_efi_map.c: host tests for the UEFI loader's conversion of the
 * firmware's memory map into a Multiboot2 one (src/loader/uefi/efi_map.c):
 * each EFI type's Multiboot2 type, sorting, merging of touching ranges of
 * one type, the descriptor stride, and the bounds it keeps.
 */
#include "arch/x86_64/multiboot2.h"
#include "check.h"
#include "loader/uefi/efi.h"
#include "loader/uefi/efi_map.h"

#include <stdint.h>
#include <string.h>

#define OVMF_DESCRIPTOR_SIZE 48   /* what OVMF reports: 40 bytes and 8 of padding */
#define PAGE 4096
#define MAX_DESCRIPTORS 16

/* A firmware map: descriptors OVMF_DESCRIPTOR_SIZE apart, the padding
 * filled with a pattern no field should pick up. */
struct firmware_map {
    uint8_t bytes[MAX_DESCRIPTORS * OVMF_DESCRIPTOR_SIZE] __attribute__((aligned(8)));
    size_t size;
};

static void add(struct firmware_map *m, uint32_t type, uint64_t start, uint64_t pages)
{
    struct efi_memory_descriptor d = { type, start, 0, pages, 0 };
    uint8_t *at = m->bytes + m->size;

    memset(at, 0xA5, OVMF_DESCRIPTOR_SIZE);
    memcpy(at, &d, sizeof d);
    m->size += OVMF_DESCRIPTOR_SIZE;
}

static uint32_t convert(const struct firmware_map *m, struct memory_range *ranges)
{
    uint32_t count = 0xDEAD;

    CHECK(efi_map_convert(m->bytes, m->size, OVMF_DESCRIPTOR_SIZE, ranges, &count) == NULL);
    return count;
}

static void check_range(const struct memory_range *r, uint64_t base, uint64_t length,
                        uint32_t type)
{
    CHECK_EQ_UINT(base, r->base);
    CHECK_EQ_UINT(length, r->length);
    CHECK_EQ_UINT(type, r->type);
    CHECK_EQ_UINT(0, r->reserved);
}

/* Written out from ACPI 6.4's table of UEFI memory types and the address
 * range types they are reported as, independently of efi_map.c. */
TEST(test_efi_map_type_of_every_uefi_2_9_memory_type)
{
    static const uint32_t expected[EFI_MEMORY_TYPE_COUNT] = {
        [EFI_RESERVED_MEMORY_TYPE] = MULTIBOOT2_MEMORY_RESERVED,
        [EFI_LOADER_CODE] = MULTIBOOT2_MEMORY_AVAILABLE,
        [EFI_LOADER_DATA] = MULTIBOOT2_MEMORY_AVAILABLE,
        [EFI_BOOT_SERVICES_CODE] = MULTIBOOT2_MEMORY_AVAILABLE,
        [EFI_BOOT_SERVICES_DATA] = MULTIBOOT2_MEMORY_AVAILABLE,
        [EFI_RUNTIME_SERVICES_CODE] = MULTIBOOT2_MEMORY_RESERVED,
        [EFI_RUNTIME_SERVICES_DATA] = MULTIBOOT2_MEMORY_RESERVED,
        [EFI_CONVENTIONAL_MEMORY] = MULTIBOOT2_MEMORY_AVAILABLE,
        [EFI_UNUSABLE_MEMORY] = MULTIBOOT2_MEMORY_BADRAM,
        [EFI_ACPI_RECLAIM_MEMORY] = MULTIBOOT2_MEMORY_ACPI_RECLAIMABLE,
        [EFI_ACPI_MEMORY_NVS] = MULTIBOOT2_MEMORY_NVS,
        [EFI_MEMORY_MAPPED_IO] = MULTIBOOT2_MEMORY_RESERVED,
        [EFI_MEMORY_MAPPED_IO_PORT_SPACE] = MULTIBOOT2_MEMORY_RESERVED,
        [EFI_PAL_CODE] = MULTIBOOT2_MEMORY_RESERVED,
        [EFI_PERSISTENT_MEMORY] = 7,  /* ACPI's AddressRangePersistentMemory */
    };

    for (uint32_t type = 0; type < EFI_MEMORY_TYPE_COUNT; type++)
        CHECK_EQ_UINT(expected[type], efi_map_type(type));
}

TEST(test_efi_map_types_beyond_uefi_2_9_are_reserved)
{
    CHECK_EQ_UINT(MULTIBOOT2_MEMORY_RESERVED, efi_map_type(EFI_MEMORY_TYPE_COUNT));
    CHECK_EQ_UINT(MULTIBOOT2_MEMORY_RESERVED, efi_map_type(0x70000000));  /* OEM range */
    CHECK_EQ_UINT(MULTIBOOT2_MEMORY_RESERVED, efi_map_type(0x80000000));  /* OS range */
    CHECK_EQ_UINT(MULTIBOOT2_MEMORY_RESERVED, efi_map_type(UINT32_MAX));
}

/* The start of OVMF's map on q35 with 128M: conventional memory under 640
 * KiB, then loader and boot-services allocations that end up available. */
TEST(test_efi_map_merges_touching_ranges_that_become_one_type)
{
    struct firmware_map m = {0};
    struct memory_range r[MAX_DESCRIPTORS];

    add(&m, EFI_BOOT_SERVICES_CODE, 0x0, 1);
    add(&m, EFI_CONVENTIONAL_MEMORY, 0x1000, 0x9F);
    add(&m, EFI_LOADER_DATA, 0x100000, 0x100);
    add(&m, EFI_CONVENTIONAL_MEMORY, 0x200000, 0x600);
    add(&m, EFI_BOOT_SERVICES_DATA, 0x800000, 6);
    add(&m, EFI_ACPI_MEMORY_NVS, 0x806000, 2);
    add(&m, EFI_CONVENTIONAL_MEMORY, 0x808000, 8);
    CHECK_EQ_UINT(4, convert(&m, r));
    check_range(&r[0], 0x0, 0xA0000, MULTIBOOT2_MEMORY_AVAILABLE);
    check_range(&r[1], 0x100000, 0x706000, MULTIBOOT2_MEMORY_AVAILABLE);
    check_range(&r[2], 0x806000, 0x2000, MULTIBOOT2_MEMORY_NVS);
    check_range(&r[3], 0x808000, 0x8000, MULTIBOOT2_MEMORY_AVAILABLE);
}

TEST(test_efi_map_keeps_a_gap_and_a_change_of_type_apart)
{
    struct firmware_map m = {0};
    struct memory_range r[MAX_DESCRIPTORS];

    add(&m, EFI_CONVENTIONAL_MEMORY, 0x0, 0xA0);            /* ends at 640 KiB */
    add(&m, EFI_CONVENTIONAL_MEMORY, 0x100000, 0x10);       /* a hole before it */
    add(&m, EFI_RUNTIME_SERVICES_DATA, 0x110000, 0x10);
    add(&m, EFI_MEMORY_MAPPED_IO, 0x120000, 0x10);          /* reserved too: merged */
    add(&m, EFI_ACPI_RECLAIM_MEMORY, 0x130000, 0x10);
    CHECK_EQ_UINT(4, convert(&m, r));
    check_range(&r[0], 0x0, 0xA0000, MULTIBOOT2_MEMORY_AVAILABLE);
    check_range(&r[1], 0x100000, 0x10000, MULTIBOOT2_MEMORY_AVAILABLE);
    check_range(&r[2], 0x110000, 0x20000, MULTIBOOT2_MEMORY_RESERVED);
    check_range(&r[3], 0x130000, 0x10000, MULTIBOOT2_MEMORY_ACPI_RECLAIMABLE);
}

/* UEFI does not promise a sorted map. A descriptor arriving between two
 * it touches joins them both. */
TEST(test_efi_map_sorts_and_joins_across_a_late_middle_descriptor)
{
    struct firmware_map m = {0};
    struct memory_range r[MAX_DESCRIPTORS];

    add(&m, EFI_CONVENTIONAL_MEMORY, 0x300000, 0x100);
    add(&m, EFI_ACPI_MEMORY_NVS, 0x500000, 0x10);
    add(&m, EFI_CONVENTIONAL_MEMORY, 0x100000, 0x100);
    add(&m, EFI_LOADER_CODE, 0x200000, 0x100);              /* joins the two around it */
    CHECK_EQ_UINT(2, convert(&m, r));
    check_range(&r[0], 0x100000, 0x300000, MULTIBOOT2_MEMORY_AVAILABLE);
    check_range(&r[1], 0x500000, 0x10 * PAGE, MULTIBOOT2_MEMORY_NVS);
}

TEST(test_efi_map_reads_descriptors_at_the_firmwares_stride_not_the_structs)
{
    struct firmware_map m = {0};
    struct memory_range r[MAX_DESCRIPTORS];

    add(&m, EFI_ACPI_MEMORY_NVS, 0x1000, 1);
    add(&m, EFI_CONVENTIONAL_MEMORY, 0x100000, 2);
    CHECK_EQ_UINT(2, convert(&m, r));
    check_range(&r[0], 0x1000, PAGE, MULTIBOOT2_MEMORY_NVS);
    check_range(&r[1], 0x100000, 2 * PAGE, MULTIBOOT2_MEMORY_AVAILABLE);
}

TEST(test_efi_map_skips_empty_descriptors_and_a_partial_one_at_the_end)
{
    struct firmware_map m = {0};
    struct memory_range r[MAX_DESCRIPTORS];
    uint32_t count = 0;

    add(&m, EFI_CONVENTIONAL_MEMORY, 0x100000, 0);
    add(&m, EFI_CONVENTIONAL_MEMORY, 0x200000, 1);
    add(&m, EFI_ACPI_MEMORY_NVS, 0x300000, 1);
    CHECK(efi_map_convert(m.bytes, m.size - 1, OVMF_DESCRIPTOR_SIZE, r, &count) == NULL);
    CHECK_EQ_UINT(1, count);
    check_range(&r[0], 0x200000, PAGE, MULTIBOOT2_MEMORY_AVAILABLE);
}

TEST(test_efi_map_cuts_a_range_that_would_pass_2_to_the_64)
{
    struct firmware_map m = {0};
    struct memory_range r[MAX_DESCRIPTORS];

    add(&m, EFI_RESERVED_MEMORY_TYPE, 0xFFFFFFFFFFFF0000, UINT64_MAX / PAGE);
    CHECK_EQ_UINT(1, convert(&m, r));
    check_range(&r[0], 0xFFFFFFFFFFFF0000, 0xFFFF, MULTIBOOT2_MEMORY_RESERVED);
}

TEST(test_efi_map_refuses_a_descriptor_size_smaller_or_unaligned)
{
    struct firmware_map m = {0};
    struct memory_range r[MAX_DESCRIPTORS];
    uint32_t count = 0;
    const char *small = "the firmware's memory map has a malformed descriptor size";

    add(&m, EFI_CONVENTIONAL_MEMORY, 0x100000, 1);
    CHECK_EQ_STR(small, efi_map_convert(m.bytes, m.size, sizeof(struct efi_memory_descriptor) - 8,
                                        r, &count));
    CHECK_EQ_STR(small, efi_map_convert(m.bytes, m.size, OVMF_DESCRIPTOR_SIZE - 4, r, &count));
    CHECK_EQ_STR(small, efi_map_convert(m.bytes, m.size, 0, r, &count));
}

TEST(test_efi_map_writes_at_most_one_range_per_descriptor)
{
    struct firmware_map m = {0};
    struct memory_range r[MAX_DESCRIPTORS + 1];

    memset(r, 0x5A, sizeof r);
    for (uint64_t i = 0; i < MAX_DESCRIPTORS; i++)  /* alternating types: nothing merges */
        add(&m, i % 2 ? EFI_ACPI_MEMORY_NVS : EFI_CONVENTIONAL_MEMORY, i * PAGE, 1);
    CHECK_EQ_UINT(MAX_DESCRIPTORS, convert(&m, r));
    CHECK_EQ_UINT(0x5A5A5A5A5A5A5A5A, r[MAX_DESCRIPTORS].base);  /* untouched past the room */
}
