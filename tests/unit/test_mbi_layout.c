/*
 * test_mbi_layout.c: host tests proving that the layouts in
 * src/kernel/bootinfo/mbi_layout.h put each field where GRUB 2.06 writes
 * it. The expected offsets, widths and sizes are written out here by hand
 * from GRUB's multiboot2.h and what it was observed to pass (RGB
 * framebuffer tag of size 38, ELF-sections tag of 20 + 18 x 40 bytes;
 * docs/multiboot2.md §3), not computed from the structs under test.
 */
#include "check.h"
#include "kernel/bootinfo/mbi_layout.h"

#include <stddef.h>

/* `field` of `struct layout` lies at `offset` and is `width` bytes wide. */
#define CHECK_FIELD(layout, field, offset, width)                           \
    do {                                                                    \
        CHECK_EQ_UINT(offset, offsetof(struct layout, field));              \
        CHECK_EQ_UINT(width, sizeof(((struct layout *)0)->field));          \
    } while (0)

#define CHECK_SIZE(layout, size) CHECK_EQ_UINT(size, sizeof(struct layout))

TEST(test_mbi_layout_framebuffer_common_part_is_grubs_32_bytes)
{
    CHECK_FIELD(mbi_tag_framebuffer_common, framebuffer_addr, 8, 8);
    CHECK_FIELD(mbi_tag_framebuffer_common, framebuffer_pitch, 16, 4);
    CHECK_FIELD(mbi_tag_framebuffer_common, framebuffer_width, 20, 4);
    CHECK_FIELD(mbi_tag_framebuffer_common, framebuffer_height, 24, 4);
    CHECK_FIELD(mbi_tag_framebuffer_common, framebuffer_bpp, 28, 1);
    CHECK_FIELD(mbi_tag_framebuffer_common, framebuffer_type, 29, 1);
    CHECK_FIELD(mbi_tag_framebuffer_common, reserved, 30, 2);  /* u16, not the text's u8 */
    CHECK_SIZE(mbi_tag_framebuffer_common, 32);                /* observed: EGA text tag */
}

TEST(test_mbi_layout_rgb_framebuffer_has_colour_fields_at_32_to_37)
{
    CHECK_FIELD(mbi_tag_framebuffer_rgb, framebuffer_red_field_position, 32, 1);
    CHECK_FIELD(mbi_tag_framebuffer_rgb, framebuffer_red_mask_size, 33, 1);
    CHECK_FIELD(mbi_tag_framebuffer_rgb, framebuffer_green_field_position, 34, 1);
    CHECK_FIELD(mbi_tag_framebuffer_rgb, framebuffer_green_mask_size, 35, 1);
    CHECK_FIELD(mbi_tag_framebuffer_rgb, framebuffer_blue_field_position, 36, 1);
    CHECK_FIELD(mbi_tag_framebuffer_rgb, framebuffer_blue_mask_size, 37, 1);
    CHECK_SIZE(mbi_tag_framebuffer_rgb, 38);  /* observed on BIOS VBE and UEFI GOP */
}

TEST(test_mbi_layout_indexed_framebuffer_has_u16_palette_count)
{
    CHECK_FIELD(mbi_tag_framebuffer_indexed, framebuffer_palette_num_colors, 32, 2);
    CHECK_EQ_UINT(34, offsetof(struct mbi_tag_framebuffer_indexed, framebuffer_palette));
    CHECK_SIZE(mbi_tag_framebuffer_indexed, 34);
    CHECK_SIZE(mbi_color, 3);
}

/* The RSDP copy starts right after the 8-byte head: signature 8..15,
 * checksum 16, then the fields below. */
TEST(test_mbi_layout_acpi_rsdp_copies_match_grub)
{
    CHECK_FIELD(mbi_tag_old_acpi, rsdp.oem_id, 17, 6);
    CHECK_FIELD(mbi_tag_old_acpi, rsdp.revision, 23, 1);
    CHECK_FIELD(mbi_tag_old_acpi, rsdp.rsdt_address, 24, 4);
    CHECK_SIZE(mbi_tag_old_acpi, 28);  /* 8 + ACPI 1.0's 20-byte RSDP */

    CHECK_FIELD(mbi_tag_new_acpi, rsdp.v1.oem_id, 17, 6);
    CHECK_FIELD(mbi_tag_new_acpi, rsdp.v1.revision, 23, 1);
    CHECK_FIELD(mbi_tag_new_acpi, rsdp.v1.rsdt_address, 24, 4);
    CHECK_FIELD(mbi_tag_new_acpi, rsdp.length, 28, 4);
    CHECK_FIELD(mbi_tag_new_acpi, rsdp.xsdt_address, 32, 8);
    CHECK_FIELD(mbi_tag_new_acpi, rsdp.extended_checksum, 40, 1);
    CHECK_SIZE(mbi_tag_new_acpi, 44);  /* 8 + ACPI 2.0's 36-byte RSDP */
}

TEST(test_mbi_layout_elf_sections_have_grubs_u32_fields)
{
    CHECK_FIELD(mbi_tag_elf_sections, num, 8, 4);
    CHECK_FIELD(mbi_tag_elf_sections, entsize, 12, 4);
    CHECK_FIELD(mbi_tag_elf_sections, shndx, 16, 4);
    CHECK_SIZE(mbi_tag_elf_sections, 20);
}

TEST(test_mbi_layout_memory_map_entries_are_24_bytes_after_16)
{
    CHECK_FIELD(mbi_tag_mmap, entry_size, 8, 4);
    CHECK_FIELD(mbi_tag_mmap, entry_version, 12, 4);
    CHECK_EQ_UINT(16, offsetof(struct mbi_tag_mmap, entries));
    CHECK_FIELD(mbi_mmap_entry, base_addr, 0, 8);
    CHECK_FIELD(mbi_mmap_entry, length, 8, 8);
    CHECK_FIELD(mbi_mmap_entry, type, 16, 4);
    CHECK_SIZE(mbi_mmap_entry, 24);
}

TEST(test_mbi_layout_apm_fields_follow_the_specification)
{
    CHECK_FIELD(mbi_tag_apm, version, 8, 2);
    CHECK_FIELD(mbi_tag_apm, cseg, 10, 2);
    CHECK_FIELD(mbi_tag_apm, offset, 12, 4);
    CHECK_FIELD(mbi_tag_apm, cseg_16, 16, 2);
    CHECK_FIELD(mbi_tag_apm, dseg, 18, 2);
    CHECK_FIELD(mbi_tag_apm, flags, 20, 2);
    CHECK_FIELD(mbi_tag_apm, cseg_len, 22, 2);
    CHECK_FIELD(mbi_tag_apm, cseg_16_len, 24, 2);
    CHECK_FIELD(mbi_tag_apm, dseg_len, 26, 2);
}

/* Where the fixed fields end and a string or a variable part begins. */
TEST(test_mbi_layout_fixed_parts_have_grubs_sizes)
{
    CHECK_SIZE(mbi_fixed_part, 8);
    CHECK_SIZE(mbi_tag, 8);
    CHECK_EQ_UINT(8, offsetof(struct mbi_tag_string, string));
    CHECK_FIELD(mbi_tag_module, mod_start, 8, 4);
    CHECK_FIELD(mbi_tag_module, mod_end, 12, 4);
    CHECK_EQ_UINT(16, offsetof(struct mbi_tag_module, string));
    CHECK_SIZE(mbi_tag_basic_meminfo, 16);
    CHECK_SIZE(mbi_tag_bootdev, 20);
    CHECK_SIZE(mbi_tag_mmap, 16);
    CHECK_FIELD(mbi_tag_vbe, vbe_mode, 8, 2);
    CHECK_SIZE(mbi_tag_vbe, 784);  /* 16 + 512 + 256 */
    CHECK_SIZE(mbi_tag_efi32, 12);
    CHECK_SIZE(mbi_tag_efi64, 16);
    CHECK_FIELD(mbi_tag_smbios, major, 8, 1);
    CHECK_FIELD(mbi_tag_smbios, minor, 9, 1);
    CHECK_SIZE(mbi_tag_smbios, 16);
    CHECK_SIZE(mbi_tag_network, 8);
    CHECK_SIZE(mbi_tag_efi_mmap, 16);
    CHECK_SIZE(mbi_tag_load_base_addr, 12);
}
