/*
 * bootinfo.h: a checked copy of the Multiboot2 boot information (MBI).
 *
 * The kernel hands bootinfo_parse() the address GRUB left in EBX; host
 * tests and the fuzzer hand it a byte buffer. The parser validates every
 * size before reading, copies what the kernel keeps into a struct bootinfo
 * (no pointers back into the MBI, whose memory the kernel may reuse), and
 * records what was malformed so the kernel can explain it, e.g.
 *
 *   boot information: a tag runs past total_size (tag type 6 at offset
 *   0x48, total_size 0x60); using the 5 tags before it
 *
 * from bi.stop.reason, bi.stop.tag_type, bi.stop.offset, bi.total_size and
 * bi.stop.tag_index. Field layouts: mbi_layout.h (GRUB 2.06 widths,
 * docs/multiboot2.md §3).
 */
#ifndef BOOTINFO_H
#define BOOTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The largest total_size accepted, and the capacity the kernel passes:
 * GRUB's MBI is 1-7 KiB on QEMU and grows mainly with the EFI memory map
 * (48 bytes per descriptor), so 64 KiB is generous while keeping a garbage
 * total_size from sending the parser across memory.
 */
#define BOOTINFO_MAX_SIZE (64 * 1024)

#define BOOTINFO_MAX_PROBLEMS 4     /* problems kept; problem_count has all */
#define BOOTINFO_CMDLINE_MAX 4097   /* bytes kept of the command line, NUL included: 4 KiB whole */
#define BOOTINFO_LOADER_NAME_MAX 64 /* bytes kept of the boot loader name: its report line fits 80 columns */
#define BOOTINFO_MODULE_STRING_MAX 256
#define BOOTINFO_MAX_MODULES 16
#define BOOTINFO_MAX_MMAP_ENTRIES 64

/* Something malformed in the MBI. */
struct bootinfo_problem {
    const char *reason;  /* static English phrase, e.g. "no end tag"; NULL = none */
    uint32_t offset;     /* byte offset from the MBI start of the tag concerned */
    uint32_t tag_type;   /* that tag's type; 0 for the fixed part or an unreadable head */
    uint32_t tag_index;  /* tags walked before this one (end tag not counted) */
};

struct bootinfo_module {
    uint32_t start, end;  /* physical, end exclusive */
    char string[BOOTINFO_MODULE_STRING_MAX];  /* arguments after the module path */
    bool string_truncated;
};

struct bootinfo_mmap_entry {
    uint64_t base, length;
    uint32_t type;  /* MULTIBOOT2_MEMORY_*, or any other number GRUB passed on */
};

struct bootinfo_rsdp {
    uint8_t revision;      /* 0 = ACPI 1.0; 2 = ACPI 2.0+ */
    char oem_id[7];        /* the 6 OEM id bytes, NUL-terminated */
    uint32_t rsdt_address;
    uint64_t xsdt_address; /* tag 15 only; 0 in tag 14 */
};

struct bootinfo_framebuffer {
    uint64_t addr;
    uint32_t pitch, width, height;  /* EGA text: characters; pitch = bytes per row */
    uint8_t bpp, type;              /* MULTIBOOT2_FRAMEBUFFER_TYPE_* */
    uint8_t red_position, red_mask_size;  /* RGB only */
    uint8_t green_position, green_mask_size;
    uint8_t blue_position, blue_mask_size;
    uint16_t palette_colors;        /* indexed only; the palette is not kept */
};

struct bootinfo {
    uint32_t total_size;  /* as the MBI claims it (0 if unreadable) */
    uint32_t tag_count;   /* tags walked, unknown ones included, end tag not */
    bool complete;        /* the walk reached the end tag */
    struct bootinfo_problem stop; /* why the walk stopped early; reason NULL if complete */
    uint32_t problem_count;       /* all problems, stop included */
    struct bootinfo_problem problems[BOOTINFO_MAX_PROBLEMS]; /* the first ones */

    uint32_t present;     /* bit (1 << type) per tag type decoded; see bootinfo_has() */
    uint32_t unknown_tag_count; /* tags of types above 21, skipped */

    char cmdline[BOOTINFO_CMDLINE_MAX];
    bool cmdline_truncated;
    uint32_t cmdline_length;  /* as the boot loader passed it, NUL excluded */
    char loader_name[BOOTINFO_LOADER_NAME_MAX];
    bool loader_name_truncated;

    struct bootinfo_module modules[BOOTINFO_MAX_MODULES];
    uint32_t module_count;    /* entries filled in modules[] */
    uint32_t modules_dropped; /* module tags beyond BOOTINFO_MAX_MODULES */

    uint32_t mem_lower_kib, mem_upper_kib;
    uint32_t biosdev, partition, sub_partition;  /* 0xFFFFFFFF = unused */

    struct bootinfo_mmap_entry mmap[BOOTINFO_MAX_MMAP_ENTRIES];
    uint32_t mmap_count;      /* entries filled in mmap[] */
    uint32_t mmap_dropped;    /* entries beyond BOOTINFO_MAX_MMAP_ENTRIES */
    uint64_t usable_bytes;    /* sum of available lengths, dropped ones too; saturates */

    uint16_t vbe_mode;
    struct bootinfo_framebuffer framebuffer;
    struct {
        uint32_t num, entsize, shndx;   /* GRUB's u32 layout */
    } elf_sections;
    struct {
        uint16_t version, cseg, cseg_16, dseg, flags;
        uint16_t cseg_len, cseg_16_len, dseg_len;
        uint32_t offset;
    } apm;
    uint8_t smbios_major, smbios_minor;
    struct bootinfo_rsdp acpi_old, acpi_new;
    uint32_t network_count;   /* network tags seen; their contents are not kept */
    uint32_t efi32_system_table;
    uint64_t efi64_system_table;
    struct {
        uint32_t descriptor_size, descriptor_version, descriptor_count;
    } efi_mmap;
    uint32_t efi32_image_handle;
    uint64_t efi64_image_handle;
    uint32_t load_base_addr;
};

/*
 * Parses the MBI at `mbi`, of which the caller guarantees `capacity` bytes
 * are readable (the kernel passes BOOTINFO_MAX_SIZE), into *out, which is
 * overwritten entirely. Reads only inside [mbi, mbi + min(capacity,
 * total_size)), byte by byte, so any alignment and any content is safe.
 *
 * A malformed fixed part (fewer than 8 readable bytes, total_size below 16,
 * above BOOTINFO_MAX_SIZE or above capacity) rejects the whole MBI. A tag
 * whose own fields are bad is skipped and the walk goes on; a tag whose size
 * cannot be trusted (below 8, past total_size), or a missing end tag, stops
 * the walk with what was read so far kept. A tag that should appear once but
 * appears again replaces the earlier copy.
 *
 * Returns true when nothing was wrong (problem_count == 0).
 */
bool bootinfo_parse(const void *mbi, size_t capacity, struct bootinfo *out);

/* "available", "reserved", "ACPI reclaimable", "ACPI NVS", "bad RAM";
 * any other type is treated as reserved and named "reserved". */
const char *bootinfo_memory_type_name(uint32_t type);

/* A short name for a boot-information tag type ("memory map"), "unknown"
 * for types above 21. */
const char *bootinfo_tag_name(uint32_t type);

/* Whether a tag of `type` (MULTIBOOT2_TAG_TYPE_*) was decoded. */
static inline bool bootinfo_has(const struct bootinfo *bi, uint32_t type)
{
    return type < 32 && ((bi->present >> type) & 1) != 0;
}

/* Whether bi says where every module lies: the walk reached the end tag
 * and kept every module tag it met. */
static inline bool bootinfo_lists_every_module(const struct bootinfo *bi)
{
    return bi->complete && bi->modules_dropped == 0;
}

#endif
