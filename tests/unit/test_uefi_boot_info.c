/*
 * test_uefi_boot_info.c: host tests for the boot information our UEFI
 * loader builds (src/loader/uefi/boot_info.c, with loader/mbi_writer.c),
 * read back with the kernel's own parser (src/kernel/bootinfo/), so the
 * two sides are held to one format.
 *
 * The figures are OVMF's on QEMU q35 with 128M: its display (1280x800,
 * blue-green-red bytes), the start of its memory map; the RSDP is QEMU's
 * (fake_rsdp.h).
 */
#include "arch/x86_64/multiboot2.h"
#include "check.h"
#include "fake_rsdp.h"
#include "kernel/bootinfo/bootinfo.h"
#include "loader/uefi/boot_info.h"
#include "loader/uefi/efi.h"
#include "loader/uefi/loader.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DESCRIPTOR_SIZE 48
#define DESCRIPTORS 5
#define SYSTEM_TABLE 0x7F9EE018

static const struct memory_range ovmf_map[] = {
    { 0x0, 0xA0000, MULTIBOOT2_MEMORY_AVAILABLE, 0 },
    { 0x100000, 0x706000, MULTIBOOT2_MEMORY_AVAILABLE, 0 },
    { 0x806000, 0x2000, MULTIBOOT2_MEMORY_NVS, 0 },
    { 0x808000, 0x8000, MULTIBOOT2_MEMORY_AVAILABLE, 0 },
    { 0x810000, 0xF0000, MULTIBOOT2_MEMORY_NVS, 0 },
};
#define OVMF_MAP_ENTRIES (sizeof ovmf_map / sizeof ovmf_map[0])

static const struct fb_surface ovmf_screen = {
    .pixels = (uint8_t *)0x80000000, .pitch = 5120, .width = 1280, .height = 800, .bpp = 32,
    .red_position = 16, .red_size = 8, .green_position = 8, .green_size = 8,
    .blue_position = 0, .blue_size = 8,
};

struct built {
    uint8_t *mbi;
    size_t size, room;
    struct bootinfo bi;
    bool clean;
};

static uint8_t efi_map[DESCRIPTORS * DESCRIPTOR_SIZE];

static struct uefi_facts facts_with(const char *cmdline, const uint8_t *rsdp)
{
    for (size_t i = 0; i < sizeof efi_map; i++)
        efi_map[i] = (uint8_t)i;
    return (struct uefi_facts){
        .cmdline = cmdline, .cmdline_length = strlen(cmdline),
        .map = ovmf_map, .map_count = OVMF_MAP_ENTRIES,
        .efi_map = efi_map, .efi_map_size = sizeof efi_map,
        .descriptor_size = DESCRIPTOR_SIZE, .descriptor_version = 1,
        .system_table = SYSTEM_TABLE, .screen = &ovmf_screen, .rsdp = rsdp,
    };
}

/* Builds into a zeroed block of exactly uefi_boot_info_max_size() bytes
 * (ASan catches a write past it), then parses the MBI with exactly its
 * total_size as capacity. */
static void build(const struct uefi_facts *facts, struct built *out)
{
    out->room = uefi_boot_info_max_size(facts->cmdline_length, facts->efi_map_size,
                                        facts->descriptor_size);
    uint8_t *buffer = calloc(1, out->room);

    out->size = uefi_boot_info_build(buffer, facts);
    CHECK(out->size <= out->room);
    out->mbi = malloc(out->size);
    memcpy(out->mbi, buffer, out->size);
    free(buffer);
    out->clean = bootinfo_parse(out->mbi, out->size, &out->bi);
}

TEST(test_uefi_boot_info_parses_cleanly_with_every_tag_the_loader_promises)
{
    uint8_t rsdp[FAKE_RSDP_V2_SIZE];
    struct uefi_facts facts;
    struct built b;

    fake_rsdp(rsdp, 2);
    facts = facts_with("hello key=value", rsdp);
    build(&facts, &b);
    CHECK(b.clean);
    CHECK(b.bi.complete);
    CHECK_EQ_UINT(b.size, b.bi.total_size);
    CHECK_EQ_STR("hello key=value", b.bi.cmdline);
    CHECK_EQ_STR(UEFI_LOADER_NAME, b.bi.loader_name);
    CHECK_EQ_UINT(640, b.bi.mem_lower_kib);
    CHECK_EQ_UINT(7192, b.bi.mem_upper_kib);     /* what GRUB says on the same machine */
    CHECK(!bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_BOOTDEV));
    CHECK(bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_EFI64));
    CHECK_EQ_UINT(SYSTEM_TABLE, b.bi.efi64_system_table);
    CHECK(bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_ACPI_NEW));
    CHECK(!bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_ACPI_OLD));
    CHECK_EQ_STR("BOCHS ", b.bi.acpi_new.oem_id);
    CHECK_EQ_UINT(FAKE_RSDP_XSDT, b.bi.acpi_new.xsdt_address);
    free(b.mbi);
}

TEST(test_uefi_boot_info_passes_the_converted_map_entry_for_entry)
{
    struct uefi_facts facts = facts_with("", NULL);
    struct built b;

    build(&facts, &b);
    CHECK(b.clean);
    CHECK_EQ_UINT(OVMF_MAP_ENTRIES, b.bi.mmap_count);
    for (size_t i = 0; i < OVMF_MAP_ENTRIES && i < b.bi.mmap_count; i++) {
        CHECK_EQ_UINT(ovmf_map[i].base, b.bi.mmap[i].base);
        CHECK_EQ_UINT(ovmf_map[i].length, b.bi.mmap[i].length);
        CHECK_EQ_UINT(ovmf_map[i].type, b.bi.mmap[i].type);
    }
    CHECK_EQ_STR("", b.bi.cmdline);
    CHECK(!bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_ACPI_NEW));
    CHECK(!bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_ACPI_OLD));
    free(b.mbi);
}

TEST(test_uefi_boot_info_passes_the_firmwares_map_whole_in_the_efi_map_tag)
{
    struct uefi_facts facts = facts_with("", NULL);
    struct built b;

    build(&facts, &b);
    CHECK(bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_EFI_MMAP));
    CHECK_EQ_UINT(DESCRIPTOR_SIZE, b.bi.efi_mmap.descriptor_size);
    CHECK_EQ_UINT(1, b.bi.efi_mmap.descriptor_version);
    CHECK_EQ_UINT(DESCRIPTORS, b.bi.efi_mmap.descriptor_count);
    /* The descriptors follow the tag's head and its two u32s, byte for byte. */
    const uint8_t *found = NULL;
    for (size_t at = 0; at + sizeof efi_map <= b.size && found == NULL; at += 8)
        if (memcmp(b.mbi + at, efi_map, sizeof efi_map) == 0)
            found = b.mbi + at;
    CHECK(found != NULL);
    CHECK(found != NULL && found[-8] == DESCRIPTOR_SIZE && found[-16] == MULTIBOOT2_TAG_TYPE_EFI_MMAP);
    free(b.mbi);
}

TEST(test_uefi_boot_info_describes_gops_framebuffer_as_rgb)
{
    struct uefi_facts facts = facts_with("", NULL);
    struct built b;

    build(&facts, &b);
    CHECK(bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER));
    CHECK_EQ_UINT(MULTIBOOT2_FRAMEBUFFER_TYPE_RGB, b.bi.framebuffer.type);
    CHECK_EQ_UINT(0x80000000, b.bi.framebuffer.addr);
    CHECK_EQ_UINT(5120, b.bi.framebuffer.pitch);
    CHECK_EQ_UINT(1280, b.bi.framebuffer.width);
    CHECK_EQ_UINT(800, b.bi.framebuffer.height);
    CHECK_EQ_UINT(32, b.bi.framebuffer.bpp);
    CHECK_EQ_UINT(16, b.bi.framebuffer.red_position);
    CHECK_EQ_UINT(8, b.bi.framebuffer.red_mask_size);
    CHECK_EQ_UINT(8, b.bi.framebuffer.green_position);
    CHECK_EQ_UINT(8, b.bi.framebuffer.green_mask_size);
    CHECK_EQ_UINT(0, b.bi.framebuffer.blue_position);
    CHECK_EQ_UINT(8, b.bi.framebuffer.blue_mask_size);
    free(b.mbi);
}

TEST(test_uefi_boot_info_without_a_framebuffer_has_no_framebuffer_tag)
{
    struct uefi_facts facts = facts_with("", NULL);
    struct built b;

    facts.screen = NULL;
    build(&facts, &b);
    CHECK(b.clean);
    CHECK(!bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER));
    free(b.mbi);
}

TEST(test_uefi_boot_info_passes_an_acpi_1_rsdp_in_the_old_tag)
{
    uint8_t rsdp[FAKE_RSDP_V2_SIZE];
    struct uefi_facts facts;
    struct built b;

    fake_rsdp(rsdp, 0);
    facts = facts_with("", rsdp);
    build(&facts, &b);
    CHECK(b.clean);
    CHECK(bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_ACPI_OLD));
    CHECK(!bootinfo_has(&b.bi, MULTIBOOT2_TAG_TYPE_ACPI_NEW));
    CHECK_EQ_UINT(FAKE_RSDP_RSDT, b.bi.acpi_old.rsdt_address);
    free(b.mbi);
}

/* A long command line and a long map fill the room the loader allocates
 * for them exactly, and the kernel reads the command line's length. */
TEST(test_uefi_boot_info_fits_its_room_with_a_long_command_line)
{
    static char cmdline[5000];
    uint8_t rsdp[FAKE_RSDP_V2_SIZE];
    struct uefi_facts facts;
    struct built b;

    memset(cmdline, 'x', sizeof cmdline - 1);
    fake_rsdp(rsdp, 2);
    facts = facts_with(cmdline, rsdp);
    build(&facts, &b);
    CHECK(b.clean);
    /* The room counts one range per descriptor; here 5 descriptors gave 5 ranges. */
    CHECK_EQ_UINT(b.room, b.size);
    CHECK_EQ_UINT(sizeof cmdline - 1, b.bi.cmdline_length);
    free(b.mbi);
}
