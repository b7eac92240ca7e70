/*
 * mbi_layout.h: the byte layout of the Multiboot2 boot information (MBI),
 * as packed structs that give each field its offset and each tag its size.
 *
 * The structs are rulers, not views: use them ONLY through offsetof and
 * sizeof (MBI_FIELD below), never through a pointer. The MBI gives its
 * fields no alignment guarantee, so a cast pointer would be undefined
 * behaviour; fields are read with the loads of kernel/le.h.
 *
 * Field names are the Multiboot2 specification's ("Boot information
 * format"); widths are what GRUB 2.06 writes where it differs from the
 * specification text (docs/multiboot2.md §3): a u16 reserved field in the
 * framebuffer common part, a u16 palette colour count, and u32 num,
 * entsize and shndx in the ELF-sections tag. sizeof a tag struct is its
 * minimum size: the 8-byte head and the fixed fields, without the
 * variable part named by a trailing flexible array.
 */
#ifndef MBI_LAYOUT_H
#define MBI_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#define MBI_PACKED __attribute__((packed))

/* The address of `field` of `struct layout` in the tag (or entry) at `base`. */
#define MBI_FIELD(base, layout, field) ((base) + offsetof(struct layout, field))

/* The MBI starts with this fixed part; the tags follow. */
struct mbi_fixed_part {
    uint32_t total_size;  /* the whole MBI, fixed part and end tag included */
    uint32_t reserved;
} MBI_PACKED;

/* Every tag's head; alone it is the end tag and the "EFI boot services not
 * terminated" tag. */
struct mbi_tag {
    uint32_t type;  /* MULTIBOOT2_TAG_TYPE_* */
    uint32_t size;  /* head included, padding to the next tag excluded */
} MBI_PACKED;

/* Boot command line, boot loader name. */
struct mbi_tag_string {
    uint32_t type, size;
    uint8_t string[];  /* zero-terminated UTF-8 */
} MBI_PACKED;

struct mbi_tag_module {
    uint32_t type, size;
    uint32_t mod_start, mod_end;  /* physical, end exclusive */
    uint8_t string[];             /* zero-terminated: the module's arguments */
} MBI_PACKED;

struct mbi_tag_basic_meminfo {
    uint32_t type, size;
    uint32_t mem_lower, mem_upper;  /* KiB */
} MBI_PACKED;

/* GRUB's multiboot2.h names partition and sub_partition `slice` and `part`. */
struct mbi_tag_bootdev {
    uint32_t type, size;
    uint32_t biosdev, partition, sub_partition;
} MBI_PACKED;

struct mbi_mmap_entry {
    uint64_t base_addr, length;
    uint32_t type;  /* MULTIBOOT2_MEMORY_*, or another number passed on */
    uint32_t reserved;
} MBI_PACKED;

struct mbi_tag_mmap {
    uint32_t type, size;
    uint32_t entry_size;  /* the stride: a multiple of 8, at least an entry */
    uint32_t entry_version;
    struct mbi_mmap_entry entries[];
} MBI_PACKED;

#define VBE_CONTROL_INFO_SIZE 512 /* VBE function 00h's controller information block */
#define VBE_MODE_INFO_SIZE 256 /* VBE function 01h's mode information block */

struct mbi_tag_vbe {
    uint32_t type, size;
    uint16_t vbe_mode, vbe_interface_seg, vbe_interface_off, vbe_interface_len;
    uint8_t vbe_control_info[VBE_CONTROL_INFO_SIZE];
    uint8_t vbe_mode_info[VBE_MODE_INFO_SIZE];
} MBI_PACKED;

/* The framebuffer tag of every framebuffer_type; EGA text has nothing more. */
struct mbi_tag_framebuffer_common {
    uint32_t type, size;
    uint64_t framebuffer_addr;
    uint32_t framebuffer_pitch, framebuffer_width, framebuffer_height;
    uint8_t framebuffer_bpp, framebuffer_type;
    uint16_t reserved;  /* GRUB's width; the specification text says u8 */
} MBI_PACKED;

struct mbi_color {
    uint8_t red, green, blue;
} MBI_PACKED;

struct mbi_tag_framebuffer_indexed {
    struct mbi_tag_framebuffer_common common;
    uint16_t framebuffer_palette_num_colors;  /* GRUB's width; the text says u32 */
    struct mbi_color framebuffer_palette[];
} MBI_PACKED;

struct mbi_tag_framebuffer_rgb {
    struct mbi_tag_framebuffer_common common;
    uint8_t framebuffer_red_field_position, framebuffer_red_mask_size;
    uint8_t framebuffer_green_field_position, framebuffer_green_mask_size;
    uint8_t framebuffer_blue_field_position, framebuffer_blue_mask_size;
} MBI_PACKED;

/* GRUB's widths: the specification text has u16 num, entsize, shndx and a
 * u16 reserved field, where GRUB writes three u32s. */
struct mbi_tag_elf_sections {
    uint32_t type, size;
    uint32_t num, entsize, shndx;
    uint8_t section_headers[];
} MBI_PACKED;

struct mbi_tag_apm {
    uint32_t type, size;
    uint16_t version, cseg;
    uint32_t offset;
    uint16_t cseg_16, dseg, flags, cseg_len, cseg_16_len, dseg_len;
} MBI_PACKED;

/* EFI 32-bit system table pointer, EFI 32-bit image handle. */
struct mbi_tag_efi32 {
    uint32_t type, size;
    uint32_t pointer;
} MBI_PACKED;

/* EFI 64-bit system table pointer, EFI 64-bit image handle. */
struct mbi_tag_efi64 {
    uint32_t type, size;
    uint64_t pointer;
} MBI_PACKED;

struct mbi_tag_smbios {
    uint32_t type, size;
    uint8_t major, minor;
    uint8_t reserved[6];
    uint8_t tables[];
} MBI_PACKED;

/* The RSDP that tags 14 and 15 copy (ACPI specification, "Root System
 * Description Pointer (RSDP) Structure"): ACPI 1.0's is 20 bytes, and
 * ACPI 2.0's starts with the same 20 and adds 16. */
#define ACPI_OEM_ID_SIZE 6 /* bytes of the OEM id, not NUL-terminated */

struct acpi_rsdp_v1 {
    uint8_t signature[8];  /* "RSD PTR " */
    uint8_t checksum;      /* over these 20 bytes */
    uint8_t oem_id[ACPI_OEM_ID_SIZE];
    uint8_t revision;      /* 0: ACPI 1.0; 2: ACPI 2.0 and later */
    uint32_t rsdt_address;
} MBI_PACKED;

struct acpi_rsdp_v2 {
    struct acpi_rsdp_v1 v1;
    uint32_t length;       /* of the whole RSDP */
    uint64_t xsdt_address;
    uint8_t extended_checksum;  /* over the whole RSDP */
    uint8_t reserved[3];
} MBI_PACKED;

struct mbi_tag_old_acpi {
    uint32_t type, size;
    struct acpi_rsdp_v1 rsdp;
} MBI_PACKED;

struct mbi_tag_new_acpi {
    uint32_t type, size;
    struct acpi_rsdp_v2 rsdp;
} MBI_PACKED;

struct mbi_tag_network {
    uint32_t type, size;
    uint8_t dhcpack[];  /* the DHCP ACK packet */
} MBI_PACKED;

struct mbi_tag_efi_mmap {
    uint32_t type, size;
    uint32_t descriptor_size, descriptor_version;
    uint8_t efi_mmap[];  /* the UEFI memory descriptors */
} MBI_PACKED;

struct mbi_tag_load_base_addr {
    uint32_t type, size;
    uint32_t load_base_addr;
} MBI_PACKED;

#endif
