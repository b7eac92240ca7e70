/*
 * boot_info.c: builds the Multiboot2 boot information as boot_info.h
 * describes, with the field layouts of docs/multiboot2.md §3 (GRUB 2.06's
 * widths, which the kernel's parser expects).
 */
#include "loader/bios/boot_info.h"

#include <stdbool.h>

#include "arch/x86_64/multiboot2.h"
#include "loader/memory.h"

#define KIB 1024
#define LOW_MEMORY_END 0x100000     /* mem_upper counts from 1 MiB */
#define MEM_LOWER_MAX_KIB 640       /* conventional memory ends at 640 KiB */
#define BIOSDEV_UNUSED 0xFFFFFFFF   /* no sub-partition */
#define MMAP_ENTRY_SIZE 24          /* u64 base, u64 length, u32 type, u32 reserved */
#define EGA_TEXT_COLUMNS 80
#define EGA_TEXT_ROWS 25
#define EGA_TEXT_BPP 16             /* a character byte and an attribute byte */
#define RSDP_SIGNATURE "RSD PTR "
#define RSDP_SIGNATURE_SIZE 8
#define RSDP_V1_SIZE 20             /* ACPI 1.0 RSDP, covered by the first checksum */
#define RSDP_V2_SIZE 36             /* ACPI 2.0 RSDP with the XSDT address */
#define RSDP_REVISION 15            /* byte offset of the revision */
#define RSDP_ALIGN 16               /* the RSDP starts on a 16-byte boundary */

/* The MBI being written: bytes used so far, a multiple of 8. The buffer
 * comes zeroed (boot_info.h), so padding and reserved fields are 0. */
struct mbi {
    uint8_t *bytes;
    size_t used;
};

/* Appends a tag of `type` with a body of `size` bytes; returns the body
 * (8-byte aligned) for the caller to fill. One copy of it, not inlined:
 * the loader must fit in 4 KiB. */
__attribute__((noinline)) static uint32_t *tag(struct mbi *mbi, uint32_t type, size_t size)
{
    uint32_t *head = (void *)(mbi->bytes + mbi->used);

    head[0] = type;
    head[1] = (uint32_t)(8 + size);
    mbi->used += (8 + size + MULTIBOOT2_TAG_ALIGN - 1) & ~(size_t)(MULTIBOOT2_TAG_ALIGN - 1);
    return head + 2;
}

static void string_tag(struct mbi *mbi, uint32_t type, const char *text, size_t length)
{
    memcpy(tag(mbi, type, length + 1), text, length);
}

/* mem_lower: the available RAM at 0; mem_upper: the available RAM from
 * 1 MiB up to the first hole, as GRUB works them out of the same map. */
static void basic_memory_tag(struct mbi *mbi, const struct boot_facts *facts, uint32_t count)
{
    uint64_t lower = 0, upper = 0;

    for (uint32_t i = 0; i < count; i++) {
        const struct e820_entry *e = &facts->e820[i];
        if (e->type != MULTIBOOT2_MEMORY_AVAILABLE)
            continue;
        if (e->base == 0)
            lower = e->length;
        if (e->base <= LOW_MEMORY_END && e->length > LOW_MEMORY_END - e->base)
            upper = e->base + e->length - LOW_MEMORY_END;
    }
    if (lower > MEM_LOWER_MAX_KIB * KIB)
        lower = MEM_LOWER_MAX_KIB * KIB;
    if (upper / KIB > UINT32_MAX)
        upper = (uint64_t)UINT32_MAX * KIB;
    uint32_t *body = tag(mbi, MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO, 8);
    body[0] = (uint32_t)(lower / KIB);  /* mem_lower */
    body[1] = (uint32_t)(upper / KIB);  /* mem_upper */
}

/* Entry for entry: base, length and type as the BIOS gave them; the
 * Multiboot2 entry's last u32 is reserved (0) where E820 has attributes. */
static void memory_map_tag(struct mbi *mbi, const struct boot_facts *facts, uint32_t count)
{
    uint32_t *body = tag(mbi, MULTIBOOT2_TAG_TYPE_MMAP, 8 + (size_t)count * MMAP_ENTRY_SIZE);
    struct e820_entry *entries = (void *)(body + 2);

    body[0] = MMAP_ENTRY_SIZE;  /* entry_size; entry_version stays 0 */
    for (uint32_t i = 0; i < count; i++) {
        entries[i] = facts->e820[i];
        entries[i].attributes = 0;
    }
}

/* EGA text as the BIOS left it: 80x25 cells of 2 bytes at 0xB8000. */
static void framebuffer_tag(struct mbi *mbi)
{
    uint32_t *body = tag(mbi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, 24);

    body[0] = VGA_TEXT_BUFFER;                              /* framebuffer_addr, low half */
    body[2] = EGA_TEXT_COLUMNS * EGA_TEXT_BPP / 8;          /* pitch: bytes per row */
    body[3] = EGA_TEXT_COLUMNS;                             /* width */
    body[4] = EGA_TEXT_ROWS;                                /* height */
    body[5] = EGA_TEXT_BPP | MULTIBOOT2_FRAMEBUFFER_TYPE_EGA_TEXT << 8; /* bpp, type, u16 reserved */
}

size_t boot_info_build(uint8_t *bytes, const struct boot_facts *facts)
{
    struct mbi mbi = { bytes, 8 };
    uint32_t count = facts->e820_count;
    size_t cmdline_length = 0;

    while (cmdline_length < DISK_SECTOR_SIZE - 1 && facts->cmdline_sector[cmdline_length])
        cmdline_length++;
    string_tag(&mbi, MULTIBOOT2_TAG_TYPE_CMDLINE, facts->cmdline_sector, cmdline_length);
    string_tag(&mbi, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, loader_banner, sizeof LOADER_NAME - 1);
    basic_memory_tag(&mbi, facts, count);
    uint32_t *bootdev = tag(&mbi, MULTIBOOT2_TAG_TYPE_BOOTDEV, 12);
    bootdev[0] = facts->bios_drive;                         /* biosdev */
    bootdev[1] = LOADER_KERNEL_PARTITION;                   /* partition */
    bootdev[2] = BIOSDEV_UNUSED;                            /* sub_partition */
    memory_map_tag(&mbi, facts, count);
    framebuffer_tag(&mbi);
    if (facts->rsdp != NULL) {
        bool v1 = facts->rsdp[RSDP_REVISION] == 0;
        size_t size = v1 ? RSDP_V1_SIZE : RSDP_V2_SIZE;
        memcpy(tag(&mbi, v1 ? MULTIBOOT2_TAG_TYPE_ACPI_OLD : MULTIBOOT2_TAG_TYPE_ACPI_NEW, size),
               facts->rsdp, size);
    }
    tag(&mbi, MULTIBOOT2_TAG_TYPE_END, 0);
    *(uint32_t *)(void *)bytes = (uint32_t)mbi.used;        /* total_size; reserved stays 0 */
    return mbi.used;
}

/* The largest MBI: the fixed part, a command line filling its sector, the
 * name, meminfo, bootdev, a full memory map, framebuffer, an ACPI 2.0 RSDP,
 * end; every tag rounded up to 8 bytes. */
#define ROUND8(n) (((n) + 7) / 8 * 8)
_Static_assert(8 + ROUND8(8 + DISK_SECTOR_SIZE) + ROUND8(8 + sizeof LOADER_NAME) + 16 + ROUND8(20)
               + 16 + LOADER_E820_MAX_ENTRIES * MMAP_ENTRY_SIZE + 32 + ROUND8(8 + RSDP_V2_SIZE) + 8
               <= BOOT_INFO_MAX_SIZE, "BOOT_INFO_MAX_SIZE is too small for the largest MBI");
_Static_assert(sizeof(struct e820_entry) == MMAP_ENTRY_SIZE,
               "an E820 entry and a Multiboot2 memory map entry have the same layout");

const uint8_t *rsdp_find(const uint8_t *area, size_t size)
{
    for (size_t at = 0; at < size && size - at >= RSDP_V1_SIZE; at += RSDP_ALIGN) {
        const uint8_t *rsdp = area + at;
        uint8_t sum = 0;

        if (memcmp(rsdp, RSDP_SIGNATURE, RSDP_SIGNATURE_SIZE) != 0)
            continue;
        if (rsdp[RSDP_REVISION] != 0 && size - at < RSDP_V2_SIZE)
            continue;
        for (int i = 0; i < RSDP_V1_SIZE; i++)
            sum = (uint8_t)(sum + rsdp[i]);
        if (sum == 0)
            return rsdp;
    }
    return NULL;
}
