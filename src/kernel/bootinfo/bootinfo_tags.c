/*
 * bootinfo_tags.c: what each Multiboot2 boot-information tag type holds,
 * and how to copy it into a struct bootinfo after checking it.
 *
 * bootinfo.c walks the tag list and calls bootinfo_decode_tag() for each
 * tag of a known type; the tags that hold only fixed fields are copied by
 * bootinfo_fixed_tags.c. Offsets and sizes come from the layouts in
 * mbi_layout.h, which are GRUB 2.06's where it differs from the
 * specification text (the framebuffer, palette and ELF-section fields).
 * Freestanding C without library calls: see bootinfo.c.
 */
#include "kernel/bootinfo/bootinfo_tags.h"

#include "arch/x86_64/multiboot2.h"
#include "kernel/bootinfo/mbi_layout.h"
#include "kernel/le.h"

#define TAG_TYPE_COUNT (MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR + 1)
#define MMAP_ENTRY_SIZE_MULTIPLE 8 /* the specification promises entry_size is one */

static const char SHORTER_THAN_FIXED_FIELDS[] = "a tag is shorter than its fixed fields";
static const char NOT_NUL_TERMINATED[] = "a string is not NUL-terminated inside its tag";

/* Copies `length` bytes and a NUL into dst[capacity], cutting the string if
 * needed; returns whether it was cut. */
static bool copy_string(char *dst, size_t capacity, const uint8_t *src, uint32_t length)
{
    size_t kept = length < capacity - 1 ? length : capacity - 1;

    for (size_t i = 0; i < kept; i++)
        dst[i] = (char)src[i];
    dst[kept] = '\0';
    return kept < length;
}

/* Copies the NUL-terminated string at tag[start..size) into dst and its
 * length, NUL excluded, into *length, or leaves both alone and returns a
 * reason when there is no NUL before size. */
static const char *take_string(const uint8_t *tag, uint32_t start, uint32_t size,
                               char *dst, size_t capacity, bool *truncated, uint32_t *length)
{
    for (uint32_t end = start; end < size; end++) {
        if (tag[end] == 0) {
            *truncated = copy_string(dst, capacity, tag + start, end - start);
            *length = end - start;
            return NULL;
        }
    }
    return NOT_NUL_TERMINATED;
}

/*
 * Decoders for the tags of variable size. Each gets a tag whose size is at
 * least the minimum in the table below, validates the rest before writing
 * anything, and returns NULL or the reason the tag is skipped.
 */
typedef const char *decode_fn(const uint8_t *tag, uint32_t size, struct bootinfo *bi);

static const char *decode_cmdline(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    return take_string(tag, offsetof(struct mbi_tag_string, string), size, bi->cmdline,
                       sizeof bi->cmdline, &bi->cmdline_truncated, &bi->cmdline_length);
}

static const char *decode_loader_name(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    uint32_t length;

    return take_string(tag, offsetof(struct mbi_tag_string, string), size, bi->loader_name,
                       sizeof bi->loader_name, &bi->loader_name_truncated, &length);
}

static const char *decode_module(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    struct bootinfo_module overflow;  /* validates modules the array cannot hold */
    bool full = bi->module_count == BOOTINFO_MAX_MODULES;
    struct bootinfo_module *module = full ? &overflow : &bi->modules[bi->module_count];
    uint32_t length;
    const char *reason = take_string(tag, offsetof(struct mbi_tag_module, string), size,
                                     module->string, sizeof module->string,
                                     &module->string_truncated, &length);

    if (reason != NULL)
        return reason;
    module->start = le_load32(MBI_FIELD(tag, mbi_tag_module, mod_start));
    module->end = le_load32(MBI_FIELD(tag, mbi_tag_module, mod_end));
    if (full)
        bi->modules_dropped++;
    else
        bi->module_count++;
    return NULL;
}

/* Entries may be larger than struct mbi_mmap_entry (entry_size is the
 * stride); bytes after the last whole entry are ignored. */
static const char *decode_mmap(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    uint32_t entry_size = le_load32(MBI_FIELD(tag, mbi_tag_mmap, entry_size));

    if (entry_size == 0)
        return "memory map entry_size is 0";
    if (entry_size % MMAP_ENTRY_SIZE_MULTIPLE != 0)
        return "memory map entry_size is not a multiple of 8";
    if (entry_size < sizeof(struct mbi_mmap_entry))
        return "memory map entry_size is below 24";
    if (entry_size > size - sizeof(struct mbi_tag_mmap))
        return "memory map entry_size is larger than the tag";

    bi->mmap_count = 0;
    bi->mmap_dropped = 0;
    bi->usable_bytes = 0;
    for (uint32_t at = offsetof(struct mbi_tag_mmap, entries); size - at >= entry_size;
         at += entry_size) {
        const uint8_t *fields = tag + at;
        struct bootinfo_mmap_entry entry = {
            .base = le_load64(MBI_FIELD(fields, mbi_mmap_entry, base_addr)),
            .length = le_load64(MBI_FIELD(fields, mbi_mmap_entry, length)),
            .type = le_load32(MBI_FIELD(fields, mbi_mmap_entry, type)),
        };
        if (entry.type == MULTIBOOT2_MEMORY_AVAILABLE)
            bi->usable_bytes = entry.length > UINT64_MAX - bi->usable_bytes
                                   ? UINT64_MAX : bi->usable_bytes + entry.length;
        if (bi->mmap_count < BOOTINFO_MAX_MMAP_ENTRIES)
            bi->mmap[bi->mmap_count++] = entry;
        else
            bi->mmap_dropped++;
    }
    return NULL;
}

static void copy_rgb_fields(const uint8_t *tag, struct bootinfo_framebuffer *fb)
{
    fb->red_position = *MBI_FIELD(tag, mbi_tag_framebuffer_rgb, framebuffer_red_field_position);
    fb->red_mask_size = *MBI_FIELD(tag, mbi_tag_framebuffer_rgb, framebuffer_red_mask_size);
    fb->green_position = *MBI_FIELD(tag, mbi_tag_framebuffer_rgb,
                                    framebuffer_green_field_position);
    fb->green_mask_size = *MBI_FIELD(tag, mbi_tag_framebuffer_rgb, framebuffer_green_mask_size);
    fb->blue_position = *MBI_FIELD(tag, mbi_tag_framebuffer_rgb, framebuffer_blue_field_position);
    fb->blue_mask_size = *MBI_FIELD(tag, mbi_tag_framebuffer_rgb, framebuffer_blue_mask_size);
}

/* The common part is enough for EGA text (and for types we do not know);
 * RGB and indexed framebuffers need their colour info after it. */
static const char *decode_framebuffer(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    uint8_t type = *MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_type);
    uint16_t colors = 0;

    if (type == MULTIBOOT2_FRAMEBUFFER_TYPE_RGB && size < sizeof(struct mbi_tag_framebuffer_rgb))
        return SHORTER_THAN_FIXED_FIELDS;
    if (type == MULTIBOOT2_FRAMEBUFFER_TYPE_INDEXED) {
        if (size < sizeof(struct mbi_tag_framebuffer_indexed))
            return SHORTER_THAN_FIXED_FIELDS;
        colors = le_load16(MBI_FIELD(tag, mbi_tag_framebuffer_indexed,
                                     framebuffer_palette_num_colors));
        if (colors * sizeof(struct mbi_color) > size - sizeof(struct mbi_tag_framebuffer_indexed))
            return "the framebuffer palette runs past its tag";
    }

    bi->framebuffer = (struct bootinfo_framebuffer){
        .addr = le_load64(MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_addr)),
        .pitch = le_load32(MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_pitch)),
        .width = le_load32(MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_width)),
        .height = le_load32(MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_height)),
        .bpp = *MBI_FIELD(tag, mbi_tag_framebuffer_common, framebuffer_bpp),
        .type = type,
        .palette_colors = colors,
    };
    if (type == MULTIBOOT2_FRAMEBUFFER_TYPE_RGB)
        copy_rgb_fields(tag, &bi->framebuffer);
    return NULL;
}

static const char *decode_elf_sections(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    uint32_t num = le_load32(MBI_FIELD(tag, mbi_tag_elf_sections, num));
    uint32_t entsize = le_load32(MBI_FIELD(tag, mbi_tag_elf_sections, entsize));

    if ((uint64_t)num * entsize > size - sizeof(struct mbi_tag_elf_sections))
        return "the ELF section headers run past their tag";
    bi->elf_sections.num = num;
    bi->elf_sections.entsize = entsize;
    bi->elf_sections.shndx = le_load32(MBI_FIELD(tag, mbi_tag_elf_sections, shndx));
    return NULL;
}

static const char *decode_efi_mmap(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    uint32_t descriptor_size = le_load32(MBI_FIELD(tag, mbi_tag_efi_mmap, descriptor_size));

    if (descriptor_size == 0)
        return "EFI memory map descriptor_size is 0";
    bi->efi_mmap.descriptor_size = descriptor_size;
    bi->efi_mmap.descriptor_version =
        le_load32(MBI_FIELD(tag, mbi_tag_efi_mmap, descriptor_version));
    bi->efi_mmap.descriptor_count =
        (uint32_t)((size - sizeof(struct mbi_tag_efi_mmap)) / descriptor_size);
    return NULL;
}

/* Per type: the name, the minimum size (the head and the fixed fields,
 * mbi_layout.h), and the decoder for variable-size tags (NULL:
 * bootinfo_copy_fixed_fields does it). */
static const struct {
    const char *name;
    uint32_t min_size;
    decode_fn *decode;
} tag_kinds[TAG_TYPE_COUNT] = {
    [MULTIBOOT2_TAG_TYPE_END] = {"end", sizeof(struct mbi_tag), NULL},
    [MULTIBOOT2_TAG_TYPE_CMDLINE] =
        {"command line", sizeof(struct mbi_tag_string), decode_cmdline},
    [MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME] =
        {"boot loader name", sizeof(struct mbi_tag_string), decode_loader_name},
    [MULTIBOOT2_TAG_TYPE_MODULE] = {"module", sizeof(struct mbi_tag_module), decode_module},
    [MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO] =
        {"basic memory info", sizeof(struct mbi_tag_basic_meminfo), NULL},
    [MULTIBOOT2_TAG_TYPE_BOOTDEV] = {"BIOS boot device", sizeof(struct mbi_tag_bootdev), NULL},
    [MULTIBOOT2_TAG_TYPE_MMAP] = {"memory map", sizeof(struct mbi_tag_mmap), decode_mmap},
    [MULTIBOOT2_TAG_TYPE_VBE] = {"VBE info", sizeof(struct mbi_tag_vbe), NULL},
    [MULTIBOOT2_TAG_TYPE_FRAMEBUFFER] =
        {"framebuffer info", sizeof(struct mbi_tag_framebuffer_common), decode_framebuffer},
    [MULTIBOOT2_TAG_TYPE_ELF_SECTIONS] =
        {"ELF sections", sizeof(struct mbi_tag_elf_sections), decode_elf_sections},
    [MULTIBOOT2_TAG_TYPE_APM] = {"APM table", sizeof(struct mbi_tag_apm), NULL},
    [MULTIBOOT2_TAG_TYPE_EFI32] = {"EFI 32-bit system table", sizeof(struct mbi_tag_efi32), NULL},
    [MULTIBOOT2_TAG_TYPE_EFI64] = {"EFI 64-bit system table", sizeof(struct mbi_tag_efi64), NULL},
    [MULTIBOOT2_TAG_TYPE_SMBIOS] = {"SMBIOS tables", sizeof(struct mbi_tag_smbios), NULL},
    [MULTIBOOT2_TAG_TYPE_ACPI_OLD] = {"ACPI 1.0 RSDP", sizeof(struct mbi_tag_old_acpi), NULL},
    [MULTIBOOT2_TAG_TYPE_ACPI_NEW] = {"ACPI 2.0 RSDP", sizeof(struct mbi_tag_new_acpi), NULL},
    [MULTIBOOT2_TAG_TYPE_NETWORK] = {"network", sizeof(struct mbi_tag_network), NULL},
    [MULTIBOOT2_TAG_TYPE_EFI_MMAP] =
        {"EFI memory map", sizeof(struct mbi_tag_efi_mmap), decode_efi_mmap},
    [MULTIBOOT2_TAG_TYPE_EFI_BS] =
        {"EFI boot services not terminated", sizeof(struct mbi_tag), NULL},
    [MULTIBOOT2_TAG_TYPE_EFI32_IH] =
        {"EFI 32-bit image handle", sizeof(struct mbi_tag_efi32), NULL},
    [MULTIBOOT2_TAG_TYPE_EFI64_IH] =
        {"EFI 64-bit image handle", sizeof(struct mbi_tag_efi64), NULL},
    [MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR] =
        {"image load base", sizeof(struct mbi_tag_load_base_addr), NULL},
};

const char *bootinfo_decode_tag(const uint8_t *tag, uint32_t type, uint32_t size,
                                struct bootinfo *bi)
{
    if (size < tag_kinds[type].min_size)
        return SHORTER_THAN_FIXED_FIELDS;
    if (tag_kinds[type].decode != NULL)
        return tag_kinds[type].decode(tag, size, bi);
    bootinfo_copy_fixed_fields(tag, type, bi);
    return NULL;
}

const char *bootinfo_memory_type_name(uint32_t type)
{
    switch (type) {
    case MULTIBOOT2_MEMORY_AVAILABLE: return "available";
    case MULTIBOOT2_MEMORY_ACPI_RECLAIMABLE: return "ACPI reclaimable";
    case MULTIBOOT2_MEMORY_NVS: return "ACPI NVS";
    case MULTIBOOT2_MEMORY_BADRAM: return "bad RAM";
    default: return "reserved";  /* type 2, and any type the spec does not define */
    }
}

const char *bootinfo_tag_name(uint32_t type)
{
    return type < TAG_TYPE_COUNT ? tag_kinds[type].name : "unknown";
}
