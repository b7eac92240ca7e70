/*
 * test_boot_info.c: host tests for the boot information our BIOS loader
 * builds (src/loader/bios/boot_info.c), read back with the kernel's own
 * parser (src/kernel/bootinfo/), so the two sides are held to one format.
 *
 * The memory map is SeaBIOS's on QEMU `-machine pc -m 128M`, the RSDP a
 * copy of QEMU's (OEM "BOCHS ").
 */
#include "arch/x86_64/multiboot2.h"
#include "check.h"
#include "fake_rsdp.h"
#include "kernel/bootinfo/bootinfo.h"
#include "loader/bios/boot_info.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What stage1.asm holds in the loader: the name, then the line end its
 * banner needs, which the loader name tag must not carry. */
const char loader_banner[] = LOADER_NAME "\r\n";

static const struct e820_entry qemu_map[] = {
    { 0x0, 0x9FC00, 1, 1 },
    { 0x9FC00, 0x400, 2, 1 },
    { 0xF0000, 0x10000, 2, 1 },
    { 0x100000, 0x7EE0000, 1, 1 },
    { 0x7FE0000, 0x20000, 2, 1 },
    { 0xFFFC0000, 0x40000, 2, 1 },
    { 0xFD00000000, 0x300000000, 2, 1 },
};
#define QEMU_MAP_ENTRIES (sizeof qemu_map / sizeof qemu_map[0])

struct built {
    uint8_t *mbi;
    size_t size;
    struct bootinfo bi;
    bool clean;
};

/* Builds into a zeroed heap block of BOOT_INFO_MAX_SIZE, then parses the
 * MBI with exactly its total_size as capacity. */
static void build(const struct boot_facts *facts, struct built *out)
{
    uint8_t *buffer = calloc(1, BOOT_INFO_MAX_SIZE);

    out->size = boot_info_build(buffer, facts);
    CHECK(out->size <= BOOT_INFO_MAX_SIZE);
    out->mbi = malloc(out->size);
    memcpy(out->mbi, buffer, out->size);
    free(buffer);
    out->clean = bootinfo_parse(out->mbi, out->size, &out->bi);
}

static void release(struct built *b)
{
    free(b->mbi);
}

static void sector_with(char *sector, const char *text)
{
    memset(sector, 0, DISK_SECTOR_SIZE);
    strcpy(sector, text);
}

TEST(test_boot_info_parses_cleanly_with_every_tag_the_loader_promises)
{
    char sector[DISK_SECTOR_SIZE];
    uint8_t rsdp[FAKE_RSDP_V2_SIZE];
    struct boot_facts facts = { sector, 0x80, qemu_map, QEMU_MAP_ENTRIES, rsdp };
    struct built b;

    sector_with(sector, "hello key=value \"two words\"");
    fake_rsdp(rsdp, 0);
    build(&facts, &b);
    CHECK(b.clean);
    CHECK(b.bi.complete);
    CHECK_EQ_UINT(b.size, b.bi.total_size);
    CHECK_EQ_STR("hello key=value \"two words\"", b.bi.cmdline);
    CHECK_EQ_STR(LOADER_NAME, b.bi.loader_name);
    CHECK(bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO));
    CHECK_EQ_UINT(639, b.bi.mem_lower_kib);
    CHECK_EQ_UINT(129920, b.bi.mem_upper_kib);    /* what GRUB says on the same machine */
    CHECK(bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_BOOTDEV));
    CHECK_EQ_UINT(0x80, b.bi.biosdev);
    CHECK_EQ_UINT(0, b.bi.partition);
    CHECK_EQ_UINT(0xFFFFFFFF, b.bi.sub_partition);
    CHECK(bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER));
    CHECK_EQ_UINT(MULTIBOOT2_FRAMEBUFFER_TYPE_EGA_TEXT, b.bi.framebuffer.type);
    CHECK_EQ_UINT(0xB8000, b.bi.framebuffer.addr);
    CHECK_EQ_UINT(80, b.bi.framebuffer.width);
    CHECK_EQ_UINT(25, b.bi.framebuffer.height);
    CHECK_EQ_UINT(160, b.bi.framebuffer.pitch);
    CHECK_EQ_UINT(16, b.bi.framebuffer.bpp);
    CHECK(bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_ACPI_OLD));
    CHECK(!bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_ACPI_NEW));
    CHECK_EQ_STR("BOCHS ", b.bi.acpi_old.oem_id);
    CHECK_EQ_UINT(FAKE_RSDP_RSDT, b.bi.acpi_old.rsdt_address);
    release(&b);
}

TEST(test_boot_info_passes_the_memory_map_entry_for_entry)
{
    char sector[DISK_SECTOR_SIZE] = {0};
    struct boot_facts facts = { sector, 0x80, qemu_map, QEMU_MAP_ENTRIES, NULL };
    struct built b;

    build(&facts, &b);
    CHECK(b.clean);
    CHECK_EQ_UINT(QEMU_MAP_ENTRIES, b.bi.mmap_count);
    for (size_t i = 0; i < QEMU_MAP_ENTRIES && i < b.bi.mmap_count; i++) {
        CHECK_EQ_UINT(qemu_map[i].base, b.bi.mmap[i].base);
        CHECK_EQ_UINT(qemu_map[i].length, b.bi.mmap[i].length);
        CHECK_EQ_UINT(qemu_map[i].type, b.bi.mmap[i].type);
    }
    CHECK(!bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_ACPI_OLD));
    CHECK_EQ_STR("", b.bi.cmdline);
    release(&b);
}

TEST(test_boot_info_passes_an_acpi_2_rsdp_in_the_new_tag)
{
    char sector[DISK_SECTOR_SIZE] = {0};
    uint8_t rsdp[FAKE_RSDP_V2_SIZE];
    struct boot_facts facts = { sector, 0x81, qemu_map, QEMU_MAP_ENTRIES, rsdp };
    struct built b;

    fake_rsdp(rsdp, 2);
    build(&facts, &b);
    CHECK(b.clean);
    CHECK(bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_ACPI_NEW));
    CHECK(!bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_ACPI_OLD));
    CHECK_EQ_UINT(2, b.bi.acpi_new.revision);
    CHECK_EQ_UINT(FAKE_RSDP_XSDT, b.bi.acpi_new.xsdt_address);
    CHECK_EQ_UINT(0x81, b.bi.biosdev);
    release(&b);
}

TEST(test_boot_info_takes_511_bytes_of_a_command_line_sector_without_nul)
{
    char sector[DISK_SECTOR_SIZE];
    struct boot_facts facts = { sector, 0x80, qemu_map, QEMU_MAP_ENTRIES, NULL };
    struct built b;

    memset(sector, 'x', sizeof sector);
    build(&facts, &b);
    CHECK(b.clean);
    CHECK(!b.bi.cmdline_truncated);         /* the kernel keeps all 511 */
    CHECK_EQ_UINT(DISK_SECTOR_SIZE - 1, strlen(b.bi.cmdline));
    release(&b);
}

/* Longer maps never get here: stage2.asm reads one entry more and fails. */
TEST(test_boot_info_fits_the_largest_map)
{
    static struct e820_entry many[LOADER_E820_MAX_ENTRIES];
    char sector[DISK_SECTOR_SIZE];
    uint8_t rsdp[FAKE_RSDP_V2_SIZE];
    struct boot_facts facts = { sector, 0x80, many, LOADER_E820_MAX_ENTRIES, rsdp };
    struct built b;

    for (size_t i = 0; i < sizeof many / sizeof many[0]; i++)
        many[i] = (struct e820_entry){ i * 0x100000, 0x100000, 1, 1 };
    memset(sector, 'x', sizeof sector);
    fake_rsdp(rsdp, 2);
    build(&facts, &b);
    CHECK(b.clean);
    CHECK_EQ_UINT(LOADER_E820_MAX_ENTRIES,
                  b.bi.mmap_count + b.bi.mmap_dropped);  /* the kernel keeps fewer */
    release(&b);
}

TEST(test_boot_info_mem_upper_stops_at_the_first_hole_above_1_mib)
{
    static const struct e820_entry map[] = {
        { 0x0, 0x80000, 1, 1 },            /* 512 KiB conventional memory */
        { 0x100000, 0x300000, 1, 1 },      /* 3 MiB, then a hole */
        { 0x500000, 0x1000000, 1, 1 },
    };
    char sector[DISK_SECTOR_SIZE] = {0};
    struct boot_facts facts = { sector, 0x80, map, 3, NULL };
    struct built b;

    build(&facts, &b);
    CHECK_EQ_UINT(512, b.bi.mem_lower_kib);
    CHECK_EQ_UINT(3 * 1024, b.bi.mem_upper_kib);
    release(&b);
}

TEST(test_rsdp_find_takes_a_checked_rsdp_on_a_16_byte_boundary_only)
{
    uint8_t *area = calloc(1, 256);

    fake_rsdp(area + 0x38, 0);                 /* not on a 16-byte boundary */
    CHECK(rsdp_find(area, 256) == NULL);
    fake_rsdp(area + 0x40, 0);
    area[0x40 + 9] ^= 1;                       /* broken checksum */
    CHECK(rsdp_find(area, 256) == NULL);
    fake_rsdp(area + 0x80, 0);
    CHECK(rsdp_find(area, 256) == area + 0x80);
    free(area);
}

TEST(test_rsdp_find_never_reads_past_the_area)
{
    uint8_t v2[FAKE_RSDP_V2_SIZE];
    uint8_t *area = calloc(1, 48);

    memcpy(area + 32, "RSD PTR ", 8);          /* 16 bytes left: too few for any RSDP */
    CHECK(rsdp_find(area, 48) == NULL);
    fake_rsdp(v2, 2);
    memcpy(area + 16, v2, 32);                 /* an ACPI 2.0 RSDP needs 36, 32 are left */
    CHECK(rsdp_find(area, 48) == NULL);
    fake_rsdp(v2, 0);
    memcpy(area + 16, v2, FAKE_RSDP_V1_SIZE);       /* ACPI 1.0 needs 20: found */
    CHECK(rsdp_find(area, 48) == area + 16);
    free(area);
}
