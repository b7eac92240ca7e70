/*
 * test_bootinfo_grub.c: host tests that decode whole MBIs laid out as
 * GRUB 2.06 lays them out on BIOS and UEFI (tests/unit/mbi_builder.c),
 * and the other tag types, field by field.
 */
#include "arch/x86_64/multiboot2.h"
#include "bootinfo_check.h"
#include "check.h"
#include "kernel/bootinfo/bootinfo.h"
#include "mbi_builder.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- whole GRUB layouts ---- */

TEST(test_bootinfo_decodes_grub_bios_layout)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_build_grub_bios(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK(bi.complete);
    CHECK(bi.stop.reason == NULL);
    CHECK_EQ_UINT(0, bi.problem_count);
    CHECK_EQ_UINT(m.length, bi.total_size);
    CHECK_EQ_UINT(11, bi.tag_count);
    CHECK_EQ_UINT(BIT(21) | BIT(1) | BIT(2) | BIT(10) | BIT(3) | BIT(6) | BIT(9) | BIT(4) |
                  BIT(5) | BIT(8) | BIT(14), bi.present);
    CHECK_EQ_UINT(0x100000, bi.load_base_addr);
    CHECK_EQ_STR(GRUB_CMDLINE, bi.cmdline);
    CHECK(!bi.cmdline_truncated);
    CHECK_EQ_STR(GRUB_NAME, bi.loader_name);
    CHECK_EQ_UINT(1, bi.module_count);
    CHECK_EQ_UINT(0x108000, bi.modules[0].start);
    CHECK_EQ_UINT(0x109234, bi.modules[0].end);
    CHECK_EQ_STR("initrd arg", bi.modules[0].string);
    CHECK_EQ_UINT(6, bi.mmap_count);
    CHECK_EQ_UINT(0xFFFC0000, bi.mmap[5].base);
    CHECK_EQ_UINT(0x40000, bi.mmap[5].length);
    CHECK_EQ_UINT(MULTIBOOT2_MEMORY_RESERVED, bi.mmap[5].type);
    CHECK_EQ_UINT(0x9FC00 + 0x7EE0000, bi.usable_bytes);
    CHECK_EQ_UINT(8, bi.elf_sections.num);
    CHECK_EQ_UINT(64, bi.elf_sections.entsize);
    CHECK_EQ_UINT(7, bi.elf_sections.shndx);
    CHECK_EQ_UINT(639, bi.mem_lower_kib);
    CHECK_EQ_UINT(130048, bi.mem_upper_kib);
    CHECK_EQ_UINT(0x80, bi.biosdev);
    CHECK_EQ_UINT(0, bi.partition);
    CHECK_EQ_UINT(0xFFFFFFFF, bi.sub_partition);
    CHECK_EQ_UINT(0xB8000, bi.framebuffer.addr);
    CHECK_EQ_UINT(160, bi.framebuffer.pitch);
    CHECK_EQ_UINT(80, bi.framebuffer.width);
    CHECK_EQ_UINT(25, bi.framebuffer.height);
    CHECK_EQ_UINT(16, bi.framebuffer.bpp);
    CHECK_EQ_UINT(MULTIBOOT2_FRAMEBUFFER_TYPE_EGA_TEXT, bi.framebuffer.type);
    CHECK_EQ_UINT(0, bi.acpi_old.revision);
    CHECK_EQ_STR("BOCHS ", bi.acpi_old.oem_id);
    CHECK_EQ_UINT(0x07FE1A2E, bi.acpi_old.rsdt_address);
}

/* Read from the MBI GRUB 2.06 left at kmain on QEMU (the ELF sections tag:
 * 20 + 8 section headers of 64 bytes, the stripped longboot.elf's). */
TEST(test_bootinfo_grub_bios_tags_have_observed_sizes)
{
    static const uint32_t sizes[] = {12, 8 + sizeof GRUB_CMDLINE, 8 + sizeof GRUB_NAME, 28,
                                     16 + sizeof "initrd arg", 16 + 6 * 24, 532, 16, 20, 32,
                                     28, 8};
    struct mbi m;

    mbi_build_grub_bios(&m);
    CHECK_EQ_INT(COUNT(sizes), m.tags);
    for (int i = 0; i < COUNT(sizes) && i < m.tags; i++)
        CHECK_EQ_UINT(sizes[i], m.tag_size[i]);
}

TEST(test_bootinfo_decodes_grub_uefi_layout)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_build_grub_uefi(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK(bi.complete);
    CHECK_EQ_UINT(11, bi.tag_count);
    CHECK_EQ_UINT(BIT(21) | BIT(1) | BIT(2) | BIT(6) | BIT(9) | BIT(4) | BIT(8) | BIT(12) |
                  BIT(14) | BIT(15) | BIT(17), bi.present);
    CHECK_EQ_UINT(7168, bi.mem_upper_kib);
    CHECK_EQ_UINT(0xFD000000, bi.framebuffer.addr);
    CHECK_EQ_UINT(MULTIBOOT2_FRAMEBUFFER_TYPE_RGB, bi.framebuffer.type);
    CHECK_EQ_UINT(32, bi.framebuffer.bpp);
    CHECK_EQ_UINT(16, bi.framebuffer.red_position);
    CHECK_EQ_UINT(8, bi.framebuffer.red_mask_size);
    CHECK_EQ_UINT(8, bi.framebuffer.green_position);
    CHECK_EQ_UINT(8, bi.framebuffer.green_mask_size);
    CHECK_EQ_UINT(0, bi.framebuffer.blue_position);
    CHECK_EQ_UINT(8, bi.framebuffer.blue_mask_size);
    CHECK_EQ_UINT(0x7FBEE018, bi.efi64_system_table);
    CHECK_EQ_UINT(2, bi.acpi_new.revision);
    CHECK_EQ_STR("BOCHS ", bi.acpi_new.oem_id);
    CHECK_EQ_UINT(0x07FE1A2E, bi.acpi_new.rsdt_address);
    CHECK_EQ_UINT(0x7FB7E0E8, bi.acpi_new.xsdt_address);
    CHECK_EQ_UINT(0, bi.acpi_old.xsdt_address);
    CHECK_EQ_UINT(48, bi.efi_mmap.descriptor_size);
    CHECK_EQ_UINT(1, bi.efi_mmap.descriptor_version);
    CHECK_EQ_UINT(40, bi.efi_mmap.descriptor_count);
}

TEST(test_bootinfo_decodes_grub_uefi_boot_services_layout)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_build_grub_uefi_boot_services(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK(bootinfo_has(&bi, MULTIBOOT2_TAG_TYPE_EFI_BS));
    CHECK(!bootinfo_has(&bi, MULTIBOOT2_TAG_TYPE_MMAP));
    CHECK_EQ_STR("", bi.cmdline);
    CHECK_EQ_UINT(0x7E3C1A98, bi.efi64_image_handle);
}

TEST(test_bootinfo_decodes_vbe_indexed_framebuffer_efi32_smbios_network)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_build_other_tags(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(8, bi.tag_count);
    CHECK_EQ_UINT(0x4118, bi.vbe_mode);
    CHECK_EQ_UINT(MULTIBOOT2_FRAMEBUFFER_TYPE_INDEXED, bi.framebuffer.type);
    CHECK_EQ_UINT(16, bi.framebuffer.palette_colors);
    CHECK_EQ_UINT(0x7FBEE000, bi.efi32_system_table);
    CHECK_EQ_UINT(2, bi.smbios_major);
    CHECK_EQ_UINT(8, bi.smbios_minor);
    CHECK(bootinfo_has(&bi, MULTIBOOT2_TAG_TYPE_NETWORK));
    CHECK_EQ_UINT(2, bi.network_count);
    CHECK_EQ_UINT(0x7E3C1A00, bi.efi32_image_handle);
    CHECK_EQ_UINT(1, bi.unknown_tag_count);
}

TEST(test_bootinfo_decodes_apm_fields)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_build_grub_bios(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(0x0102, bi.apm.version);
    CHECK_EQ_UINT(0xF000, bi.apm.cseg);
    CHECK_EQ_UINT(0xABCD, bi.apm.offset);
    CHECK_EQ_UINT(0xF100, bi.apm.cseg_16);
    CHECK_EQ_UINT(0x0040, bi.apm.dseg);
    CHECK_EQ_UINT(0x0003, bi.apm.flags);
    CHECK_EQ_UINT(0xFFF0, bi.apm.cseg_len);
    CHECK_EQ_UINT(0xFFF1, bi.apm.cseg_16_len);
    CHECK_EQ_UINT(0x0100, bi.apm.dseg_len);
}

TEST(test_bootinfo_accepts_minimal_mbi)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_begin(&m);
    CHECK_EQ_UINT(16, mbi_finish(&m));
    CHECK(parse_mbi(&m, &bi));
    CHECK(bi.complete);
    CHECK_EQ_UINT(0, bi.tag_count);
    CHECK_EQ_UINT(0, bi.present);
}

TEST(test_bootinfo_parses_mbi_at_odd_address)
{
    struct mbi m;
    struct bootinfo bi;
    size_t total = mbi_build_grub_uefi(&m);
    uint8_t *block = malloc(total + 1);

    memcpy(block + 1, m.bytes, total);
    CHECK(bootinfo_parse(block + 1, total, &bi));
    CHECK_EQ_UINT(0xA0000ull + 0x7F700000ull + 0x80000000ull, bi.usable_bytes);
    CHECK_EQ_STR(GRUB_CMDLINE, bi.cmdline);
    free(block);
}

TEST(test_bootinfo_ignores_padding_garbage)
{
    struct mbi m, zeroed;
    struct bootinfo bi, bi_zeroed;

    mbi_build_grub_bios(&m);
    zeroed = m;
    for (int i = 0; i < m.tags; i++) {
        size_t end = m.tag_offset[i] + m.tag_size[i];
        memset(zeroed.bytes + end, 0, ((end + 7) & ~(size_t)7) - end);
        memset(m.bytes + end, 0xFF, ((end + 7) & ~(size_t)7) - end);
    }
    CHECK(parse_mbi(&m, &bi));
    CHECK(parse_mbi(&zeroed, &bi_zeroed));
    CHECK_EQ_UINT(bi_zeroed.present, bi.present);
    CHECK_EQ_STR(GRUB_CMDLINE, bi.cmdline);
    CHECK_EQ_STR(GRUB_CMDLINE, bi_zeroed.cmdline);
    CHECK_EQ_STR(GRUB_NAME, bi.loader_name);
    CHECK_EQ_STR("initrd arg", bi.modules[0].string);
    CHECK_EQ_UINT(bi_zeroed.usable_bytes, bi.usable_bytes);
    CHECK_EQ_UINT(0x100000, bi.load_base_addr);
}

TEST(test_bootinfo_later_copy_of_a_tag_replaces_earlier)
{
    static const struct region first[] = {{0, 0x1000, 1}, {0x1000, 0x1000, 1}};
    static const struct region second[] = {{0x100000, 0x5000, 1}};
    struct mbi m;
    struct bootinfo bi;

    mbi_begin(&m);
    mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "first");
    mbi_add_mmap(&m, first, 2);
    mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "second");
    mbi_add_mmap(&m, second, 1);
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_STR("second", bi.cmdline);
    CHECK_EQ_UINT(1, bi.mmap_count);
    CHECK_EQ_UINT(0x5000, bi.usable_bytes);
}

/* ---- fuzz seeds ---- */

/* The MBIs every fuzz run starts from (tests/fuzz/write_seeds.c): each
 * parses without a problem into what its builder put in, written out here
 * as tag types and counts (the GRUB layouts are checked field by field
 * above). */
TEST(test_bootinfo_seed_layouts_parse_cleanly)
{
    static const struct {
        const char *name;
        uint32_t present, tag_count, unknown_tags, modules, modules_dropped;
        uint32_t mmap_entries, mmap_dropped, networks;
    } expected[] = {
        {"grub_bios", BIT(21) | BIT(1) | BIT(2) | BIT(10) | BIT(3) | BIT(6) | BIT(9) | BIT(4) |
                          BIT(5) | BIT(8) | BIT(14),
         11, 0, 1, 0, 6, 0, 0},
        {"grub_uefi", BIT(21) | BIT(1) | BIT(2) | BIT(6) | BIT(9) | BIT(4) | BIT(8) | BIT(12) |
                          BIT(14) | BIT(15) | BIT(17),
         11, 0, 0, 0, 6, 0, 0},
        {"grub_uefi_boot_services", BIT(21) | BIT(1) | BIT(2) | BIT(9) | BIT(12) | BIT(14) |
                                        BIT(15) | BIT(18) | BIT(20),
         9, 0, 0, 0, 0, 0, 0},
        {"other_tags", BIT(7) | BIT(8) | BIT(11) | BIT(13) | BIT(16) | BIT(19), 8, 1, 0, 0, 0, 0, 2},
        {"full_arrays", BIT(3) | BIT(6), BOOTINFO_MAX_MODULES + 3, 0, BOOTINFO_MAX_MODULES, 2,
         BOOTINFO_MAX_MMAP_ENTRIES, 2, 0},
    };

    CHECK_EQ_INT((int)(sizeof expected / sizeof expected[0]), mbi_seed_count);
    for (int i = 0; i < mbi_seed_count; i++) {
        static struct mbi m;
        struct bootinfo bi;

        CHECK_EQ_STR(expected[i].name, mbi_seeds[i].name);
        mbi_seeds[i].build(&m);
        if (!parse_mbi(&m, &bi))
            check_fail(__FILE__, __LINE__, "seed %s: expected no problems, saw %u (first: %s)",
                       mbi_seeds[i].name, bi.problem_count, bi.problems[0].reason);
        CHECK(bi.complete);
        CHECK_EQ_UINT(m.length, bi.total_size);
        CHECK_EQ_UINT(expected[i].present, bi.present);
        CHECK_EQ_UINT(expected[i].tag_count, bi.tag_count);
        CHECK_EQ_UINT(expected[i].unknown_tags, bi.unknown_tag_count);
        CHECK_EQ_UINT(expected[i].modules, bi.module_count);
        CHECK_EQ_UINT(expected[i].modules_dropped, bi.modules_dropped);
        CHECK_EQ_UINT(expected[i].mmap_entries, bi.mmap_count);
        CHECK_EQ_UINT(expected[i].mmap_dropped, bi.mmap_dropped);
        CHECK_EQ_UINT(expected[i].networks, bi.network_count);
    }
}
