/*
 * bootinfo_tags.c: what each Multiboot2 boot-information tag type holds,
 * and how to copy it into a struct bootinfo after checking it.
 *
 * bootinfo.c walks the tag list and calls bootinfo_decode_tag() for each
 * tag of a known type. Layouts are GRUB 2.06's (MULTIBOOT2.md §3), which
 * differ from the specification text for the framebuffer, palette and ELF
 * section fields. Freestanding C without library calls: see bootinfo.c.
 */
#include "kernel/bootinfo/bootinfo_tags.h"

#include "arch/x86_64/multiboot2.h"
#include "kernel/le.h"

#define MMAP_ENTRY_FIELDS 24 /* u64 base_addr, u64 length, u32 type, u32 reserved */
#define TAG_TYPE_COUNT (MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR + 1)

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

/* Copies the NUL-terminated string at tag[start..size) into dst, or leaves
 * dst alone and returns a reason when there is no NUL before size. */
static const char *take_string(const uint8_t *tag, uint32_t start, uint32_t size,
                               char *dst, size_t capacity, bool *truncated)
{
    for (uint32_t end = start; end < size; end++) {
        if (tag[end] == 0) {
            *truncated = copy_string(dst, capacity, tag + start, end - start);
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
    return take_string(tag, 8, size, bi->cmdline, sizeof bi->cmdline,
                       &bi->cmdline_truncated);
}

static const char *decode_loader_name(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    return take_string(tag, 8, size, bi->loader_name, sizeof bi->loader_name,
                       &bi->loader_name_truncated);
}

static const char *decode_module(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    struct bootinfo_module overflow;  /* validates modules the array cannot hold */
    bool full = bi->module_count == BOOTINFO_MAX_MODULES;
    struct bootinfo_module *module = full ? &overflow : &bi->modules[bi->module_count];
    const char *reason = take_string(tag, 16, size, module->string,
                                     sizeof module->string, &module->string_truncated);

    if (reason != NULL)
        return reason;
    module->start = le_load32(tag + 8);
    module->end = le_load32(tag + 12);
    if (full)
        bi->modules_dropped++;
    else
        bi->module_count++;
    return NULL;
}

/* Entries may be larger than the 24 bytes we read (entry_size is the
 * stride); bytes after the last whole entry are ignored. */
static const char *decode_mmap(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    uint32_t entry_size = le_load32(tag + 8);

    if (entry_size == 0)
        return "memory map entry_size is 0";
    if (entry_size % 8 != 0)
        return "memory map entry_size is not a multiple of 8";
    if (entry_size < MMAP_ENTRY_FIELDS)
        return "memory map entry_size is below 24";
    if (entry_size > size - 16)
        return "memory map entry_size is larger than the tag";

    bi->mmap_count = 0;
    bi->mmap_dropped = 0;
    bi->usable_bytes = 0;
    for (uint32_t at = 16; size - at >= entry_size; at += entry_size) {
        struct bootinfo_mmap_entry entry = {
            .base = le_load64(tag + at),
            .length = le_load64(tag + at + 8),
            .type = le_load32(tag + at + 16),
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

/* Common part: u64 addr, u32 pitch, width, height, u8 bpp, type, u16
 * reserved (GRUB's width), then colour info from offset 32. */
static const char *decode_framebuffer(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    uint8_t type = tag[29];
    uint16_t colors = 0;

    if (type == MULTIBOOT2_FRAMEBUFFER_TYPE_RGB && size < 38)
        return SHORTER_THAN_FIXED_FIELDS;
    if (type == MULTIBOOT2_FRAMEBUFFER_TYPE_INDEXED) {
        if (size < 34)
            return SHORTER_THAN_FIXED_FIELDS;
        colors = le_load16(tag + 32);
        if (colors * 3u > size - 34)
            return "the framebuffer palette runs past its tag";
    }

    bi->framebuffer = (struct bootinfo_framebuffer){
        .addr = le_load64(tag + 8),
        .pitch = le_load32(tag + 16),
        .width = le_load32(tag + 20),
        .height = le_load32(tag + 24),
        .bpp = tag[28],
        .type = type,
        .palette_colors = colors,
    };
    if (type == MULTIBOOT2_FRAMEBUFFER_TYPE_RGB) {
        bi->framebuffer.red_position = tag[32];
        bi->framebuffer.red_mask_size = tag[33];
        bi->framebuffer.green_position = tag[34];
        bi->framebuffer.green_mask_size = tag[35];
        bi->framebuffer.blue_position = tag[36];
        bi->framebuffer.blue_mask_size = tag[37];
    }
    return NULL;
}

static const char *decode_elf_sections(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    uint32_t num = le_load32(tag + 8), entsize = le_load32(tag + 12);

    if ((uint64_t)num * entsize > size - 20)
        return "the ELF section headers run past their tag";
    bi->elf_sections.num = num;
    bi->elf_sections.entsize = entsize;
    bi->elf_sections.shndx = le_load32(tag + 16);
    return NULL;
}

static const char *decode_efi_mmap(const uint8_t *tag, uint32_t size, struct bootinfo *bi)
{
    uint32_t descriptor_size = le_load32(tag + 8);

    if (descriptor_size == 0)
        return "EFI memory map descriptor_size is 0";
    bi->efi_mmap.descriptor_size = descriptor_size;
    bi->efi_mmap.descriptor_version = le_load32(tag + 12);
    bi->efi_mmap.descriptor_count = (size - 16) / descriptor_size;
    return NULL;
}

/* The tags with only fixed fields, whose sizes the table below has checked.
 * Tag offsets of an RSDP copy (which starts at 8): oem_id[6] at 17,
 * revision at 23, rsdt_address at 24; ACPI 2.0+ adds xsdt_address at 32. */
static void copy_fixed_fields(const uint8_t *tag, uint32_t type, struct bootinfo *bi)
{
    bool acpi_new = type == MULTIBOOT2_TAG_TYPE_ACPI_NEW;
    struct bootinfo_rsdp *rsdp = acpi_new ? &bi->acpi_new : &bi->acpi_old;

    switch (type) {
    case MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO:
        bi->mem_lower_kib = le_load32(tag + 8);
        bi->mem_upper_kib = le_load32(tag + 12);
        break;
    case MULTIBOOT2_TAG_TYPE_BOOTDEV:
        bi->biosdev = le_load32(tag + 8);
        bi->partition = le_load32(tag + 12);
        bi->sub_partition = le_load32(tag + 16);
        break;
    case MULTIBOOT2_TAG_TYPE_VBE:
        bi->vbe_mode = le_load16(tag + 8);
        break;
    case MULTIBOOT2_TAG_TYPE_APM:
        bi->apm.version = le_load16(tag + 8);
        bi->apm.cseg = le_load16(tag + 10);
        bi->apm.offset = le_load32(tag + 12);
        bi->apm.cseg_16 = le_load16(tag + 16);
        bi->apm.dseg = le_load16(tag + 18);
        bi->apm.flags = le_load16(tag + 20);
        bi->apm.cseg_len = le_load16(tag + 22);
        bi->apm.cseg_16_len = le_load16(tag + 24);
        bi->apm.dseg_len = le_load16(tag + 26);
        break;
    case MULTIBOOT2_TAG_TYPE_EFI32:
        bi->efi32_system_table = le_load32(tag + 8);
        break;
    case MULTIBOOT2_TAG_TYPE_EFI64:
        bi->efi64_system_table = le_load64(tag + 8);
        break;
    case MULTIBOOT2_TAG_TYPE_SMBIOS:
        bi->smbios_major = tag[8];
        bi->smbios_minor = tag[9];
        break;
    case MULTIBOOT2_TAG_TYPE_ACPI_OLD:
    case MULTIBOOT2_TAG_TYPE_ACPI_NEW:
        for (int i = 0; i < 6; i++)
            rsdp->oem_id[i] = (char)tag[17 + i];
        rsdp->oem_id[6] = '\0';
        rsdp->revision = tag[23];
        rsdp->rsdt_address = le_load32(tag + 24);
        rsdp->xsdt_address = acpi_new ? le_load64(tag + 32) : 0;
        break;
    case MULTIBOOT2_TAG_TYPE_NETWORK:
        bi->network_count++;
        break;
    case MULTIBOOT2_TAG_TYPE_EFI32_IH:
        bi->efi32_image_handle = le_load32(tag + 8);
        break;
    case MULTIBOOT2_TAG_TYPE_EFI64_IH:
        bi->efi64_image_handle = le_load64(tag + 8);
        break;
    case MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR:
        bi->load_base_addr = le_load32(tag + 8);
        break;
    }
}

/* Per type: the name, the size of the head plus the fixed fields (GRUB
 * 2.06 widths, MULTIBOOT2.md §3), and the decoder for variable-size
 * tags (NULL: copy_fixed_fields does it). */
static const struct {
    const char *name;
    uint32_t min_size;
    decode_fn *decode;
} tag_kinds[TAG_TYPE_COUNT] = {
    [MULTIBOOT2_TAG_TYPE_END] = {"end", 8, NULL},
    [MULTIBOOT2_TAG_TYPE_CMDLINE] = {"command line", 8, decode_cmdline},
    [MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME] = {"boot loader name", 8, decode_loader_name},
    [MULTIBOOT2_TAG_TYPE_MODULE] = {"module", 16, decode_module},
    [MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO] = {"basic memory info", 16, NULL},
    [MULTIBOOT2_TAG_TYPE_BOOTDEV] = {"BIOS boot device", 20, NULL},
    [MULTIBOOT2_TAG_TYPE_MMAP] = {"memory map", 16, decode_mmap},
    [MULTIBOOT2_TAG_TYPE_VBE] = {"VBE info", 784, NULL},
    [MULTIBOOT2_TAG_TYPE_FRAMEBUFFER] = {"framebuffer info", 32, decode_framebuffer},
    [MULTIBOOT2_TAG_TYPE_ELF_SECTIONS] = {"ELF sections", 20, decode_elf_sections},
    [MULTIBOOT2_TAG_TYPE_APM] = {"APM table", 28, NULL},
    [MULTIBOOT2_TAG_TYPE_EFI32] = {"EFI 32-bit system table", 12, NULL},
    [MULTIBOOT2_TAG_TYPE_EFI64] = {"EFI 64-bit system table", 16, NULL},
    [MULTIBOOT2_TAG_TYPE_SMBIOS] = {"SMBIOS tables", 16, NULL},
    [MULTIBOOT2_TAG_TYPE_ACPI_OLD] = {"ACPI 1.0 RSDP", 28, NULL},
    [MULTIBOOT2_TAG_TYPE_ACPI_NEW] = {"ACPI 2.0 RSDP", 44, NULL},
    [MULTIBOOT2_TAG_TYPE_NETWORK] = {"network", 8, NULL},
    [MULTIBOOT2_TAG_TYPE_EFI_MMAP] = {"EFI memory map", 16, decode_efi_mmap},
    [MULTIBOOT2_TAG_TYPE_EFI_BS] = {"EFI boot services not terminated", 8, NULL},
    [MULTIBOOT2_TAG_TYPE_EFI32_IH] = {"EFI 32-bit image handle", 12, NULL},
    [MULTIBOOT2_TAG_TYPE_EFI64_IH] = {"EFI 64-bit image handle", 16, NULL},
    [MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR] = {"image load base", 12, NULL},
};

const char *bootinfo_decode_tag(const uint8_t *tag, uint32_t type, uint32_t size,
                                struct bootinfo *bi)
{
    if (size < tag_kinds[type].min_size)
        return SHORTER_THAN_FIXED_FIELDS;
    if (tag_kinds[type].decode != NULL)
        return tag_kinds[type].decode(tag, size, bi);
    copy_fixed_fields(tag, type, bi);
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
