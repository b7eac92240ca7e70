/*
 * boot_info.c: the boot information boot_info.h describes, written with
 * the loaders' shared tag writer (loader/mbi_writer.h); the layouts of
 * the tags only a UEFI loader writes are mbi_layout.h's.
 */
#include "loader/uefi/boot_info.h"

#include "arch/x86_64/multiboot2.h"
#include "kernel/bootinfo/mbi_layout.h"
#include "loader/memory.h"
#include "loader/uefi/loader.h"

#define RSDP_REVISION 15  /* byte offset of the RSDP's revision: 0 for ACPI 1.0 */

#define FRAMEBUFFER_BODY (sizeof(struct mbi_tag_framebuffer_rgb) - sizeof(struct mbi_tag))
#define EFI_MAP_HEAD (sizeof(struct mbi_tag_efi_mmap) - sizeof(struct mbi_tag))
#define MMAP_HEAD (sizeof(struct mbi_tag_mmap) - sizeof(struct mbi_tag))

size_t uefi_boot_info_max_size(size_t cmdline_length, size_t efi_map_size,
                               size_t descriptor_size)
{
    size_t ranges = efi_map_size / descriptor_size;

    return sizeof(struct mbi_fixed_part) + MBI_TAG_SPACE(cmdline_length + 1) +
           MBI_TAG_SPACE(sizeof UEFI_LOADER_NAME) +
           MBI_TAG_SPACE(sizeof(struct mbi_tag_basic_meminfo) - sizeof(struct mbi_tag)) +
           MBI_TAG_SPACE(MMAP_HEAD + ranges * sizeof(struct memory_range)) +
           MBI_TAG_SPACE(FRAMEBUFFER_BODY) + MBI_TAG_SPACE(sizeof(uint64_t)) +
           MBI_TAG_SPACE(EFI_MAP_HEAD + efi_map_size) +
           MBI_TAG_SPACE(sizeof(struct acpi_rsdp_v2)) + sizeof(struct mbi_tag);
}

/* The RGB framebuffer tag's body after its common part: the channels. */
static void framebuffer_tag(struct mbi_writer *mbi, const struct fb_surface *s)
{
    uint8_t *body = mbi_tag(mbi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, FRAMEBUFFER_BODY);
    uint8_t *tag = body - sizeof(struct mbi_tag);
    uint64_t address = (uintptr_t)s->pixels;
    uint8_t channels[] = { s->red_position, s->red_size, s->green_position,
                           s->green_size, s->blue_position, s->blue_size };

    memcpy(MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_addr), &address, 8);
    memcpy(MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_pitch), &s->pitch, 4);
    memcpy(MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_width), &s->width, 4);
    memcpy(MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_height), &s->height, 4);
    *MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_bpp) = s->bpp;
    *MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_type) =
        MULTIBOOT2_FRAMEBUFFER_TYPE_RGB;
    memcpy(MBI_FIELD(tag, mbi_tag_framebuffer_rgb, framebuffer_red_field_position), channels,
           sizeof channels);
}

static void efi_map_tag(struct mbi_writer *mbi, const struct uefi_facts *facts)
{
    uint32_t *body = mbi_tag(mbi, MULTIBOOT2_TAG_TYPE_EFI_MMAP, EFI_MAP_HEAD + facts->efi_map_size);

    body[0] = facts->descriptor_size;
    body[1] = facts->descriptor_version;
    memcpy(body + 2, facts->efi_map, facts->efi_map_size);
}

size_t uefi_boot_info_build(uint8_t *bytes, const struct uefi_facts *facts)
{
    struct mbi_writer mbi = MBI_WRITER(bytes);

    mbi_string_tag(&mbi, MULTIBOOT2_TAG_TYPE_CMDLINE, facts->cmdline, facts->cmdline_length);
    mbi_string_tag(&mbi, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, UEFI_LOADER_NAME,
                   sizeof UEFI_LOADER_NAME - 1);
    mbi_basic_memory_tag(&mbi, facts->map, facts->map_count);
    mbi_memory_map_tag(&mbi, facts->map, facts->map_count);
    if (facts->screen != NULL)
        framebuffer_tag(&mbi, facts->screen);
    memcpy(mbi_tag(&mbi, MULTIBOOT2_TAG_TYPE_EFI64, sizeof facts->system_table),
           &facts->system_table, sizeof facts->system_table);
    efi_map_tag(&mbi, facts);
    if (facts->rsdp != NULL) {
        int v1 = facts->rsdp[RSDP_REVISION] == 0;
        size_t size = v1 ? sizeof(struct acpi_rsdp_v1) : sizeof(struct acpi_rsdp_v2);
        memcpy(mbi_tag(&mbi, v1 ? MULTIBOOT2_TAG_TYPE_ACPI_OLD : MULTIBOOT2_TAG_TYPE_ACPI_NEW,
                       size), facts->rsdp, size);
    }
    return mbi_finish(&mbi);
}
