/*
 * test_bootinfo.c: host tests for the Multiboot2 boot-information parser.
 *
 * Each test builds an MBI with the small builder below (tags 8-byte
 * aligned, padding filled with 0xAA like the garbage GRUB leaves), copies
 * it into a malloc'd block of exactly the capacity it passes, so that
 * AddressSanitizer catches any read past it, and checks what
 * bootinfo_parse() kept and which problems it reported. Layouts and sizes
 * follow what GRUB 2.06 was observed to pass (docs/multiboot2.md §3).
 *
 * With BOOTINFO_SEED_DIR set in the environment,
 * test_bootinfo_seed_layouts_parse_cleanly also writes its layouts there
 * as seed inputs for tests/fuzz/fuzz_bootinfo.c.
 */
#include "arch/x86_64/multiboot2.h"
#include "check.h"
#include "kernel/bootinfo/bootinfo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- building MBIs ---- */

#define MBI_BYTES 16384
#define MBI_MAX_TAGS 128
#define GARBAGE 0xAA

/* A tag body under construction. */
struct body {
    uint8_t bytes[4096];
    size_t length;
};

struct mbi {
    uint8_t bytes[MBI_BYTES];
    size_t length;       /* bytes used, a multiple of 8 */
    int tags;            /* tags added, end tag included */
    uint32_t tag_type[MBI_MAX_TAGS];
    size_t tag_offset[MBI_MAX_TAGS], tag_size[MBI_MAX_TAGS];
};

static void put_le(uint8_t *p, uint64_t value, int width)
{
    for (int i = 0; i < width; i++)
        p[i] = (uint8_t)(value >> (8 * i));
}

static void le(struct body *b, uint64_t value, int width)
{
    if (b->length + (size_t)width > sizeof b->bytes)
        abort();
    put_le(b->bytes + b->length, value, width);
    b->length += (size_t)width;
}

static void u8(struct body *b, uint64_t v) { le(b, v, 1); }
static void u16(struct body *b, uint64_t v) { le(b, v, 2); }
static void u32(struct body *b, uint64_t v) { le(b, v, 4); }
static void u64(struct body *b, uint64_t v) { le(b, v, 8); }

static void fill(struct body *b, size_t count, uint8_t byte)
{
    while (count-- > 0)
        u8(b, byte);
}

/* Appends the bytes of `s`; with its NUL when `terminate`. */
static void text(struct body *b, const char *s, bool terminate)
{
    size_t n = strlen(s) + (terminate ? 1 : 0);
    for (size_t i = 0; i < n; i++)
        u8(b, (uint8_t)s[i]);
}

static void mbi_begin(struct mbi *m)
{
    memset(m->bytes, GARBAGE, sizeof m->bytes);
    put_le(m->bytes, 0, 8);
    m->length = 8;
    m->tags = 0;
}

/* Appends a tag whose size field says `size` and whose body is `b` (NULL:
 * none); the next tag goes after the body, 8-byte aligned. total_size
 * always covers everything added. Returns the tag's offset. */
static size_t mbi_add_sized(struct mbi *m, uint32_t type, uint32_t size, const struct body *b)
{
    size_t at = m->length, body_length = b ? b->length : 0;

    if (at + 8 + body_length + 8 > MBI_BYTES || m->tags == MBI_MAX_TAGS)
        abort();
    put_le(m->bytes + at, type, 4);
    put_le(m->bytes + at + 4, size, 4);
    if (b)
        memcpy(m->bytes + at + 8, b->bytes, body_length);
    m->tag_type[m->tags] = type;
    m->tag_offset[m->tags] = at;
    m->tag_size[m->tags] = size;
    m->tags++;
    m->length = (at + 8 + body_length + 7) & ~(size_t)7;
    put_le(m->bytes, m->length, 4);
    return at;
}

static size_t mbi_add(struct mbi *m, uint32_t type, const struct body *b)
{
    return mbi_add_sized(m, type, (uint32_t)(8 + (b ? b->length : 0)), b);
}

/* Adds the end tag; returns total_size. */
static size_t mbi_finish(struct mbi *m)
{
    mbi_add(m, MULTIBOOT2_TAG_TYPE_END, NULL);
    return m->length;
}

static void add_u32_tag(struct mbi *m, uint32_t type, uint32_t value)
{
    struct body b = {0};
    u32(&b, value);
    mbi_add(m, type, &b);
}

static void add_u64_tag(struct mbi *m, uint32_t type, uint64_t value)
{
    struct body b = {0};
    u64(&b, value);
    mbi_add(m, type, &b);
}

static void add_string_tag(struct mbi *m, uint32_t type, const char *s)
{
    struct body b = {0};
    text(&b, s, true);
    mbi_add(m, type, &b);
}

static void add_module(struct mbi *m, uint32_t start, uint32_t end, const char *s)
{
    struct body b = {0};
    u32(&b, start);
    u32(&b, end);
    text(&b, s, true);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_MODULE, &b);
}

static void add_meminfo(struct mbi *m, uint32_t lower, uint32_t upper)
{
    struct body b = {0};
    u32(&b, lower);
    u32(&b, upper);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO, &b);
}

static void add_bootdev(struct mbi *m, uint32_t biosdev, uint32_t part, uint32_t sub)
{
    struct body b = {0};
    u32(&b, biosdev);
    u32(&b, part);
    u32(&b, sub);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_BOOTDEV, &b);
}

struct region {
    uint64_t base, length;
    uint32_t type;
};

static void mmap_body(struct body *b, const struct region *r, int count, uint32_t entry_size)
{
    u32(b, entry_size);
    u32(b, 0);
    for (int i = 0; i < count; i++) {
        u64(b, r[i].base);
        u64(b, r[i].length);
        u32(b, r[i].type);
        u32(b, 0);
        fill(b, entry_size > 24 ? entry_size - 24 : 0, 0x5A);
    }
}

static void add_mmap(struct mbi *m, const struct region *r, int count)
{
    struct body b = {0};
    mmap_body(&b, r, count, 24);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_MMAP, &b);
}

static void framebuffer_body(struct body *b, uint64_t addr, uint32_t pitch, uint32_t width,
                             uint32_t height, uint8_t bpp, uint8_t type)
{
    u64(b, addr);
    u32(b, pitch);
    u32(b, width);
    u32(b, height);
    u8(b, bpp);
    u8(b, type);
    u16(b, 0);  /* GRUB's u16 reserved */
}

static void add_ega_text_framebuffer(struct mbi *m)
{
    struct body b = {0};
    framebuffer_body(&b, 0xB8000, 160, 80, 25, 16, MULTIBOOT2_FRAMEBUFFER_TYPE_EGA_TEXT);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, &b);
}

static void add_rgb_framebuffer(struct mbi *m)
{
    struct body b = {0};
    framebuffer_body(&b, 0xFD000000, 4096, 1024, 768, 32, MULTIBOOT2_FRAMEBUFFER_TYPE_RGB);
    u8(&b, 16); u8(&b, 8); u8(&b, 8); u8(&b, 8); u8(&b, 0); u8(&b, 8);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, &b);
}

static void add_indexed_framebuffer(struct mbi *m, uint16_t colors)
{
    struct body b = {0};
    framebuffer_body(&b, 0xA0000, 320, 320, 200, 8, MULTIBOOT2_FRAMEBUFFER_TYPE_INDEXED);
    u16(&b, colors);
    fill(&b, 3u * colors, 0x3F);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, &b);
}

/* GRUB's u32 num, entsize, shndx, then num section headers. */
static void add_elf_sections(struct mbi *m, uint32_t num, uint32_t entsize)
{
    struct body b = {0};
    u32(&b, num);
    u32(&b, entsize);
    u32(&b, num - 1);
    for (uint32_t i = 0; i < num * entsize; i++)
        u8(&b, (uint8_t)i);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_ELF_SECTIONS, &b);
}

static void add_apm(struct mbi *m)
{
    struct body b = {0};
    u16(&b, 0x0102);     /* version */
    u16(&b, 0xF000);     /* cseg */
    u32(&b, 0x0000ABCD); /* offset */
    u16(&b, 0xF100);     /* cseg_16 */
    u16(&b, 0x0040);     /* dseg */
    u16(&b, 0x0003);     /* flags */
    u16(&b, 0xFFF0);     /* cseg_len */
    u16(&b, 0xFFF1);     /* cseg_16_len */
    u16(&b, 0x0100);     /* dseg_len */
    mbi_add(m, MULTIBOOT2_TAG_TYPE_APM, &b);
}

/* A copy of the 20-byte ACPI 1.0 RSDP (tag 14) or 36-byte 2.0 RSDP (15). */
static void add_rsdp(struct mbi *m, uint32_t type)
{
    struct body b = {0};
    text(&b, "RSD PTR ", false);
    u8(&b, 0x5C);                 /* checksum */
    text(&b, "BOCHS ", false);
    u8(&b, type == MULTIBOOT2_TAG_TYPE_ACPI_NEW ? 2 : 0);
    u32(&b, 0x07FE1A2E);          /* rsdt_address */
    if (type == MULTIBOOT2_TAG_TYPE_ACPI_NEW) {
        u32(&b, 36);              /* length */
        u64(&b, 0x000000007FB7E0E8); /* xsdt_address */
        u8(&b, 0x11);             /* extended checksum */
        fill(&b, 3, 0);
    }
    mbi_add(m, type, &b);
}

static void add_efi_mmap(struct mbi *m, uint32_t count, uint32_t descriptor_size)
{
    struct body b = {0};
    u32(&b, descriptor_size);
    u32(&b, 1);
    fill(&b, (size_t)count * descriptor_size, 0x07);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_EFI_MMAP, &b);
}

static void add_vbe(struct mbi *m, uint16_t mode)
{
    struct body b = {0};
    u16(&b, mode);
    u16(&b, 0xC000);
    u16(&b, 0x1234);
    u16(&b, 0x0056);
    fill(&b, 512 + 256, 0x42);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_VBE, &b);
}

static void add_smbios(struct mbi *m, uint8_t major, uint8_t minor)
{
    struct body b = {0};
    u8(&b, major);
    u8(&b, minor);
    fill(&b, 6, 0);
    fill(&b, 31, 0x5F);  /* the entry point structure */
    mbi_add(m, MULTIBOOT2_TAG_TYPE_SMBIOS, &b);
}

static void add_network(struct mbi *m)
{
    struct body b = {0};
    fill(&b, 300, 0x63);  /* a DHCP ACK */
    mbi_add(m, MULTIBOOT2_TAG_TYPE_NETWORK, &b);
}

#define GRUB_CMDLINE "hello key=value \"two words\""
#define GRUB_NAME "GRUB 2.06-13+deb12u2"

/* QEMU's 128 MiB BIOS map as GRUB passes it. */
static const struct region bios_regions[] = {
    {0x0, 0x9FC00, MULTIBOOT2_MEMORY_AVAILABLE},
    {0x9FC00, 0x400, MULTIBOOT2_MEMORY_RESERVED},
    {0xF0000, 0x10000, MULTIBOOT2_MEMORY_RESERVED},
    {0x100000, 0x7EE0000, MULTIBOOT2_MEMORY_AVAILABLE},
    {0x7FE0000, 0x20000, MULTIBOOT2_MEMORY_RESERVED},
    {0xFFFC0000, 0x40000, MULTIBOOT2_MEMORY_RESERVED},
};

/* OVMF with 4 GiB: RAM above 4 GiB, and type 20 (EFI runtime code). */
static const struct region uefi_regions[] = {
    {0x0, 0xA0000, MULTIBOOT2_MEMORY_AVAILABLE},
    {0x100000, 0x7F700000, MULTIBOOT2_MEMORY_AVAILABLE},
    {0x7F800000, 0x100000, 20},
    {0x7F900000, 0x80000, MULTIBOOT2_MEMORY_ACPI_RECLAIMABLE},
    {0x7F980000, 0x80000, MULTIBOOT2_MEMORY_NVS},
    {0x100000000, 0x80000000, MULTIBOOT2_MEMORY_AVAILABLE},
};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* GRUB 2.06 on BIOS, text mode: tags 21,1,2,10,3,6,9,4,5,8,14,0. */
static size_t build_grub_bios(struct mbi *m)
{
    mbi_begin(m);
    add_u32_tag(m, MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR, 0x100000);
    add_string_tag(m, MULTIBOOT2_TAG_TYPE_CMDLINE, GRUB_CMDLINE);
    add_string_tag(m, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, GRUB_NAME);
    add_apm(m);
    add_module(m, 0x108000, 0x109234, "initrd arg");
    add_mmap(m, bios_regions, COUNT(bios_regions));
    add_elf_sections(m, 18, 40);
    add_meminfo(m, 639, 130048);
    add_bootdev(m, 0x80, 0, 0xFFFFFFFF);
    add_ega_text_framebuffer(m);
    add_rsdp(m, MULTIBOOT2_TAG_TYPE_ACPI_OLD);
    return mbi_finish(m);
}

/* GRUB 2.06 x86_64-efi on OVMF: tags 21,1,2,6,9,4,8,12,14,15,17,0. */
static size_t build_grub_uefi(struct mbi *m)
{
    mbi_begin(m);
    add_u32_tag(m, MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR, 0x100000);
    add_string_tag(m, MULTIBOOT2_TAG_TYPE_CMDLINE, GRUB_CMDLINE);
    add_string_tag(m, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, GRUB_NAME);
    add_mmap(m, uefi_regions, COUNT(uefi_regions));
    add_elf_sections(m, 18, 40);
    add_meminfo(m, 640, 7168);
    add_rgb_framebuffer(m);
    add_u64_tag(m, MULTIBOOT2_TAG_TYPE_EFI64, 0x7FBEE018);
    add_rsdp(m, MULTIBOOT2_TAG_TYPE_ACPI_OLD);
    add_rsdp(m, MULTIBOOT2_TAG_TYPE_ACPI_NEW);
    add_efi_mmap(m, 40, 48);
    return mbi_finish(m);
}

/* GRUB 2.06 on UEFI with boot services kept: 21,1,2,9,12,14,15,18,20,0. */
static size_t build_grub_uefi_boot_services(struct mbi *m)
{
    mbi_begin(m);
    add_u32_tag(m, MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR, 0x100000);
    add_string_tag(m, MULTIBOOT2_TAG_TYPE_CMDLINE, "");
    add_string_tag(m, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, GRUB_NAME);
    add_elf_sections(m, 18, 40);
    add_u64_tag(m, MULTIBOOT2_TAG_TYPE_EFI64, 0x7FBEE018);
    add_rsdp(m, MULTIBOOT2_TAG_TYPE_ACPI_OLD);
    add_rsdp(m, MULTIBOOT2_TAG_TYPE_ACPI_NEW);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_EFI_BS, NULL);
    add_u64_tag(m, MULTIBOOT2_TAG_TYPE_EFI64_IH, 0x7E3C1A98);
    return mbi_finish(m);
}

/* The tag types the GRUB layouts above do not carry, plus an unknown one. */
static size_t build_other_tags(struct mbi *m)
{
    mbi_begin(m);
    add_vbe(m, 0x4118);
    add_indexed_framebuffer(m, 16);
    add_u32_tag(m, MULTIBOOT2_TAG_TYPE_EFI32, 0x7FBEE000);
    add_smbios(m, 2, 8);
    add_network(m);
    add_network(m);
    add_u32_tag(m, MULTIBOOT2_TAG_TYPE_EFI32_IH, 0x7E3C1A00);
    add_u32_tag(m, 22, 0xDEADBEEF);
    return mbi_finish(m);
}

/* More modules and memory regions than struct bootinfo holds. */
static size_t build_full_arrays(struct mbi *m)
{
    static struct region r[BOOTINFO_MAX_MMAP_ENTRIES + 2];

    mbi_begin(m);
    for (int i = 0; i < BOOTINFO_MAX_MODULES + 2; i++)
        add_module(m, 0x200000 + 0x1000 * (uint32_t)i, 0x200800 + 0x1000 * (uint32_t)i, "m");
    for (int i = 0; i < COUNT(r); i++)
        r[i] = (struct region){(uint64_t)i << 20, 0x1000, (uint32_t)(1 + i % 5)};
    add_mmap(m, r, COUNT(r));
    return mbi_finish(m);
}

/* ---- parsing ---- */

/* Parses the first `capacity` bytes from a malloc'd block of exactly that
 * size, so that AddressSanitizer reports any read past it. */
static bool parse_bytes(const uint8_t *bytes, size_t capacity, struct bootinfo *bi)
{
    uint8_t *copy = malloc(capacity);
    bool ok;

    if (copy == NULL && capacity != 0)
        abort();
    if (capacity != 0)
        memcpy(copy, bytes, capacity);
    ok = bootinfo_parse(copy, capacity, bi);
    free(copy);
    return ok;
}

static bool parse_mbi(const struct mbi *m, struct bootinfo *bi)
{
    return parse_bytes(m->bytes, m->length, bi);
}

#define CHECK_PROBLEM(p, reason_, offset_, type_, index_)                   \
    do {                                                                    \
        CHECK_EQ_STR(reason_, (p).reason);                                  \
        CHECK_EQ_UINT(offset_, (p).offset);                                 \
        CHECK_EQ_UINT(type_, (p).tag_type);                                 \
        CHECK_EQ_UINT(index_, (p).tag_index);                               \
    } while (0)

#define BIT(type) (UINT32_C(1) << (type))

/* ---- whole GRUB layouts ---- */

TEST(test_bootinfo_decodes_grub_bios_layout)
{
    struct mbi m;
    struct bootinfo bi;

    build_grub_bios(&m);
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
    CHECK_EQ_UINT(18, bi.elf_sections.num);
    CHECK_EQ_UINT(40, bi.elf_sections.entsize);
    CHECK_EQ_UINT(17, bi.elf_sections.shndx);
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

TEST(test_bootinfo_grub_bios_tags_have_observed_sizes)
{
    static const uint32_t sizes[] = {12, 8 + sizeof GRUB_CMDLINE, 8 + sizeof GRUB_NAME, 28,
                                     16 + sizeof "initrd arg", 16 + 6 * 24, 740, 16, 20, 32,
                                     28, 8};
    struct mbi m;

    build_grub_bios(&m);
    CHECK_EQ_INT(COUNT(sizes), m.tags);
    for (int i = 0; i < COUNT(sizes) && i < m.tags; i++)
        CHECK_EQ_UINT(sizes[i], m.tag_size[i]);
}

TEST(test_bootinfo_decodes_grub_uefi_layout)
{
    struct mbi m;
    struct bootinfo bi;

    build_grub_uefi(&m);
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

    build_grub_uefi_boot_services(&m);
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

    build_other_tags(&m);
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

    build_grub_bios(&m);
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
    size_t total = build_grub_uefi(&m);
    uint8_t *block = malloc(total + 1);

    memcpy(block + 1, m.bytes, total);
    CHECK(bootinfo_parse(block + 1, total, &bi));
    CHECK_EQ_UINT(0xA0000ull + 0x7F700000ull + 0x80000000ull, bi.usable_bytes);
    CHECK_EQ_STR(GRUB_CMDLINE, bi.cmdline);
    free(block);
}

/* ---- memory map ---- */

TEST(test_bootinfo_counts_memory_above_4gib_as_usable)
{
    struct mbi m;
    struct bootinfo bi;

    build_grub_uefi(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(0x100000000, bi.mmap[5].base);
    CHECK_EQ_UINT(0xA0000ull + 0x7F700000ull + 0x80000000ull, bi.usable_bytes);
}

TEST(test_bootinfo_keeps_unknown_memory_type_and_names_it_reserved)
{
    struct mbi m;
    struct bootinfo bi;

    build_grub_uefi(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(20, bi.mmap[2].type);
    CHECK_EQ_STR("reserved", bootinfo_memory_type_name(bi.mmap[2].type));
    CHECK_EQ_STR("reserved", bootinfo_memory_type_name(0));
    CHECK_EQ_STR("reserved", bootinfo_memory_type_name(0xFFFFFFFF));
}

TEST(test_bootinfo_names_memory_types)
{
    CHECK_EQ_STR("available", bootinfo_memory_type_name(MULTIBOOT2_MEMORY_AVAILABLE));
    CHECK_EQ_STR("reserved", bootinfo_memory_type_name(MULTIBOOT2_MEMORY_RESERVED));
    CHECK_EQ_STR("ACPI reclaimable", bootinfo_memory_type_name(MULTIBOOT2_MEMORY_ACPI_RECLAIMABLE));
    CHECK_EQ_STR("ACPI NVS", bootinfo_memory_type_name(MULTIBOOT2_MEMORY_NVS));
    CHECK_EQ_STR("bad RAM", bootinfo_memory_type_name(MULTIBOOT2_MEMORY_BADRAM));
}

TEST(test_bootinfo_names_tag_types)
{
    CHECK_EQ_STR("memory map", bootinfo_tag_name(MULTIBOOT2_TAG_TYPE_MMAP));
    CHECK_EQ_STR("image load base", bootinfo_tag_name(MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR));
    CHECK_EQ_STR("unknown", bootinfo_tag_name(22));
}

TEST(test_bootinfo_steps_memory_map_by_larger_entry_size)
{
    static const struct region r[] = {{0x1000, 0x2000, 1}, {0x100000, 0x300000, 1}};
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};

    mbi_begin(&m);
    mmap_body(&b, r, 2, 32);
    mbi_add(&m, MULTIBOOT2_TAG_TYPE_MMAP, &b);
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(2, bi.mmap_count);
    CHECK_EQ_UINT(0x100000, bi.mmap[1].base);
    CHECK_EQ_UINT(0x302000, bi.usable_bytes);
}

TEST(test_bootinfo_counts_memory_regions_beyond_array)
{
    static struct region r[BOOTINFO_MAX_MMAP_ENTRIES + 6];
    struct mbi m;
    struct bootinfo bi;

    for (int i = 0; i < COUNT(r); i++)
        r[i] = (struct region){(uint64_t)i << 20, 0x1000, MULTIBOOT2_MEMORY_AVAILABLE};
    mbi_begin(&m);
    add_mmap(&m, r, COUNT(r));
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(BOOTINFO_MAX_MMAP_ENTRIES, bi.mmap_count);
    CHECK_EQ_UINT(6, bi.mmap_dropped);
    CHECK_EQ_UINT((uint64_t)(BOOTINFO_MAX_MMAP_ENTRIES - 1) << 20,
                  bi.mmap[BOOTINFO_MAX_MMAP_ENTRIES - 1].base);
    CHECK_EQ_UINT(COUNT(r) * 0x1000ull, bi.usable_bytes);
}

TEST(test_bootinfo_saturates_usable_bytes)
{
    static const struct region r[] = {
        {0, UINT64_MAX - 10, MULTIBOOT2_MEMORY_AVAILABLE},
        {0, 100, MULTIBOOT2_MEMORY_AVAILABLE},
    };
    struct mbi m;
    struct bootinfo bi;

    mbi_begin(&m);
    add_mmap(&m, r, 2);
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(UINT64_MAX, bi.usable_bytes);
}

/* ---- strings and arrays ---- */

TEST(test_bootinfo_truncates_long_strings)
{
    char long_text[400];
    struct mbi m;
    struct bootinfo bi;

    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    mbi_begin(&m);
    add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, long_text);
    add_string_tag(&m, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, long_text);
    add_module(&m, 1, 2, long_text);
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK(bi.cmdline_truncated);
    CHECK_EQ_UINT(BOOTINFO_CMDLINE_MAX - 1, strlen(bi.cmdline));
    CHECK(bi.loader_name_truncated);
    CHECK_EQ_UINT(BOOTINFO_LOADER_NAME_MAX - 1, strlen(bi.loader_name));
    CHECK(bi.modules[0].string_truncated);
    CHECK_EQ_UINT(BOOTINFO_MODULE_STRING_MAX - 1, strlen(bi.modules[0].string));
}

TEST(test_bootinfo_keeps_string_that_exactly_fits)
{
    char text_255[BOOTINFO_CMDLINE_MAX];
    struct mbi m;
    struct bootinfo bi;

    memset(text_255, 'y', sizeof text_255 - 1);
    text_255[sizeof text_255 - 1] = '\0';
    mbi_begin(&m);
    add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, text_255);
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK(!bi.cmdline_truncated);
    CHECK_EQ_STR(text_255, bi.cmdline);
}

TEST(test_bootinfo_counts_modules_beyond_array)
{
    struct mbi m;
    struct bootinfo bi;
    char name[16];

    mbi_begin(&m);
    for (int i = 0; i < BOOTINFO_MAX_MODULES + 4; i++) {
        snprintf(name, sizeof name, "mod%d", i);
        add_module(&m, 0x200000 + 0x1000 * (uint32_t)i, 0x200800 + 0x1000 * (uint32_t)i, name);
    }
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(BOOTINFO_MAX_MODULES, bi.module_count);
    CHECK_EQ_UINT(4, bi.modules_dropped);
    CHECK_EQ_STR("mod15", bi.modules[BOOTINFO_MAX_MODULES - 1].string);
    CHECK_EQ_UINT(0x20F000, bi.modules[BOOTINFO_MAX_MODULES - 1].start);
}

TEST(test_bootinfo_rejects_strings_not_nul_terminated)
{
    static const uint32_t types[] = {MULTIBOOT2_TAG_TYPE_CMDLINE,
                                     MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME,
                                     MULTIBOOT2_TAG_TYPE_MODULE};
    for (int i = 0; i < COUNT(types); i++) {
        struct mbi m;
        struct bootinfo bi;
        struct body b = {0};
        size_t at;

        mbi_begin(&m);
        add_meminfo(&m, 1, 2);
        if (types[i] == MULTIBOOT2_TAG_TYPE_MODULE) {
            u32(&b, 0x1000);
            u32(&b, 0x2000);
        }
        text(&b, "abc", false);
        at = mbi_add(&m, types[i], &b);
        add_meminfo(&m, 3, 4);
        mbi_finish(&m);
        CHECK(!parse_mbi(&m, &bi));
        CHECK(bi.complete);
        CHECK_EQ_UINT(1, bi.problem_count);
        CHECK_PROBLEM(bi.problems[0], "a string is not NUL-terminated inside its tag", at,
                      types[i], 1);
        CHECK(!bootinfo_has(&bi, types[i]));
        CHECK_EQ_UINT(0, bi.module_count);
        CHECK_EQ_UINT(3, bi.mem_lower_kib);
    }
}

TEST(test_bootinfo_rejects_string_whose_nul_is_only_in_padding)
{
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};
    size_t at;

    mbi_begin(&m);
    text(&b, "abc", false);
    at = mbi_add(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, &b);
    memset(m.bytes + at + 11, 0, 5);  /* the padding after "abc" */
    mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK_PROBLEM(bi.problems[0], "a string is not NUL-terminated inside its tag", at,
                  MULTIBOOT2_TAG_TYPE_CMDLINE, 0);
    CHECK_EQ_STR("", bi.cmdline);
}

TEST(test_bootinfo_ignores_padding_garbage)
{
    struct mbi m, zeroed;
    struct bootinfo bi, bi_zeroed;

    build_grub_bios(&m);
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
    add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "first");
    add_mmap(&m, first, 2);
    add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "second");
    add_mmap(&m, second, 1);
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_STR("second", bi.cmdline);
    CHECK_EQ_UINT(1, bi.mmap_count);
    CHECK_EQ_UINT(0x5000, bi.usable_bytes);
}

/* ---- unknown and malformed tags ---- */

TEST(test_bootinfo_skips_unknown_tag_types)
{
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};

    fill(&b, 13, 0x01);
    mbi_begin(&m);
    mbi_add(&m, 22, &b);
    mbi_add(&m, 0xFFFFFFFF, &b);
    add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "after");
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(2, bi.unknown_tag_count);
    CHECK_EQ_UINT(3, bi.tag_count);
    CHECK_EQ_STR("after", bi.cmdline);
    CHECK_EQ_UINT(BIT(MULTIBOOT2_TAG_TYPE_CMDLINE), bi.present);
}

TEST(test_bootinfo_rejects_tags_shorter_than_fixed_fields)
{
    static const struct { uint32_t type, size; } fixed[] = {
        {3, 16}, {4, 16}, {5, 20}, {6, 16}, {7, 784}, {8, 32}, {9, 20}, {10, 28}, {11, 12},
        {12, 16}, {13, 16}, {14, 28}, {15, 44}, {17, 16}, {19, 12}, {20, 16}, {21, 12},
    };
    for (int i = 0; i < COUNT(fixed); i++) {
        struct mbi m;
        struct bootinfo bi;
        struct body b = {0};
        size_t at;

        fill(&b, fixed[i].size - 9, 0);
        mbi_begin(&m);
        at = mbi_add(&m, fixed[i].type, &b);
        add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "next");
        mbi_finish(&m);
        CHECK(!parse_mbi(&m, &bi));
        CHECK(bi.complete);
        CHECK_EQ_UINT(1, bi.problem_count);
        CHECK_PROBLEM(bi.problems[0], "a tag is shorter than its fixed fields", at,
                      fixed[i].type, 0);
        CHECK(!bootinfo_has(&bi, fixed[i].type));
        CHECK_EQ_STR("next", bi.cmdline);
    }
}

TEST(test_bootinfo_rejects_rgb_framebuffer_without_colour_fields)
{
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};

    mbi_begin(&m);
    framebuffer_body(&b, 0xFD000000, 4096, 1024, 768, 32, MULTIBOOT2_FRAMEBUFFER_TYPE_RGB);
    fill(&b, 5, 8);
    mbi_add(&m, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, &b);
    mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK_PROBLEM(bi.problems[0], "a tag is shorter than its fixed fields", 8,
                  MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, 0);
    CHECK(!bootinfo_has(&bi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER));
}

TEST(test_bootinfo_rejects_palette_running_past_its_tag)
{
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};

    mbi_begin(&m);
    framebuffer_body(&b, 0xA0000, 320, 320, 200, 8, MULTIBOOT2_FRAMEBUFFER_TYPE_INDEXED);
    u16(&b, 256);
    fill(&b, 3 * 255, 0);
    mbi_add(&m, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, &b);
    mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK_PROBLEM(bi.problems[0], "the framebuffer palette runs past its tag", 8,
                  MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, 0);
}

TEST(test_bootinfo_rejects_elf_sections_running_past_their_tag)
{
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};

    mbi_begin(&m);
    u32(&b, 0x10000000);  /* num: num * entsize overflows 32 bits */
    u32(&b, 0x40);
    u32(&b, 1);
    fill(&b, 64, 0);
    mbi_add(&m, MULTIBOOT2_TAG_TYPE_ELF_SECTIONS, &b);
    mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK_PROBLEM(bi.problems[0], "the ELF section headers run past their tag", 8,
                  MULTIBOOT2_TAG_TYPE_ELF_SECTIONS, 0);
}

TEST(test_bootinfo_rejects_efi_memory_map_descriptor_size_0)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_begin(&m);
    add_efi_mmap(&m, 3, 0);
    mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK_PROBLEM(bi.problems[0], "EFI memory map descriptor_size is 0", 8,
                  MULTIBOOT2_TAG_TYPE_EFI_MMAP, 0);
}

/* A memory map whose entry_size is `entry_size`, holding `entries` 24-byte
 * entries, between two good tags; the map must be skipped with `reason`. */
static void check_mmap_rejected(uint32_t entry_size, int entries, const char *reason)
{
    static const struct region r[] = {{0, 0x1000, 1}, {0x1000, 0x1000, 1}};
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};
    size_t at;

    mbi_begin(&m);
    add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "before");
    mmap_body(&b, r, entries, 24);
    put_le(b.bytes, entry_size, 4);
    at = mbi_add(&m, MULTIBOOT2_TAG_TYPE_MMAP, &b);
    add_meminfo(&m, 639, 1000);
    mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK(bi.complete);
    CHECK_EQ_UINT(1, bi.problem_count);
    CHECK_PROBLEM(bi.problems[0], reason, at, MULTIBOOT2_TAG_TYPE_MMAP, 1);
    CHECK(!bootinfo_has(&bi, MULTIBOOT2_TAG_TYPE_MMAP));
    CHECK_EQ_UINT(0, bi.mmap_count);
    CHECK_EQ_UINT(0, bi.usable_bytes);
    CHECK_EQ_STR("before", bi.cmdline);
    CHECK_EQ_UINT(1000, bi.mem_upper_kib);
}

TEST(test_bootinfo_rejects_memory_map_entry_size_0)
{
    check_mmap_rejected(0, 2, "memory map entry_size is 0");
}

TEST(test_bootinfo_rejects_memory_map_entry_size_not_multiple_of_8)
{
    check_mmap_rejected(20, 2, "memory map entry_size is not a multiple of 8");
}

TEST(test_bootinfo_rejects_memory_map_entry_size_below_24)
{
    check_mmap_rejected(16, 2, "memory map entry_size is below 24");
}

TEST(test_bootinfo_rejects_memory_map_entry_size_larger_than_tag)
{
    check_mmap_rejected(56, 2, "memory map entry_size is larger than the tag");
    check_mmap_rejected(24, 0, "memory map entry_size is larger than the tag");
}

TEST(test_bootinfo_keeps_first_problems_and_counts_all)
{
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};
    size_t at[6];

    text(&b, "no nul", false);
    mbi_begin(&m);
    for (int i = 0; i < 6; i++)
        at[i] = mbi_add(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, &b);
    mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK(bi.complete);
    CHECK_EQ_UINT(6, bi.problem_count);
    for (int i = 0; i < BOOTINFO_MAX_PROBLEMS; i++)
        CHECK_PROBLEM(bi.problems[i], "a string is not NUL-terminated inside its tag", at[i],
                      MULTIBOOT2_TAG_TYPE_CMDLINE, (uint32_t)i);
}

/* ---- the walk stopping ---- */

TEST(test_bootinfo_rejects_total_size_below_16)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_begin(&m);
    put_le(m.bytes, 8, 4);
    CHECK(!parse_bytes(m.bytes, 16, &bi));
    CHECK(!bi.complete);
    CHECK_EQ_UINT(1, bi.problem_count);
    CHECK_PROBLEM(bi.stop, "total_size is below 16", 0, 0, 0);
    CHECK_PROBLEM(bi.problems[0], "total_size is below 16", 0, 0, 0);
}

TEST(test_bootinfo_rejects_total_size_above_max_size)
{
    size_t big = BOOTINFO_MAX_SIZE + 16;
    uint8_t *bytes = calloc(1, big);
    struct bootinfo bi;

    put_le(bytes, big, 4);
    CHECK(!parse_bytes(bytes, big, &bi));
    CHECK_PROBLEM(bi.stop, "total_size is above BOOTINFO_MAX_SIZE", 0, 0, 0);
    put_le(bytes, 0xFFFFFFFF, 4);
    CHECK(!parse_bytes(bytes, 16, &bi));
    CHECK_PROBLEM(bi.stop, "total_size is above BOOTINFO_MAX_SIZE", 0, 0, 0);
    CHECK_EQ_UINT(0xFFFFFFFF, bi.total_size);
    free(bytes);
}

TEST(test_bootinfo_rejects_total_size_above_capacity)
{
    struct mbi m;
    struct bootinfo bi;
    size_t total = build_grub_bios(&m);

    CHECK(!parse_bytes(m.bytes, total - 8, &bi));
    CHECK_PROBLEM(bi.stop, "total_size is above the readable capacity", 0, 0, 0);
    CHECK_EQ_UINT(0, bi.tag_count);
    CHECK_EQ_UINT(0, bi.present);
}

TEST(test_bootinfo_rejects_fewer_than_8_readable_bytes)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_begin(&m);
    mbi_finish(&m);
    CHECK(!parse_bytes(m.bytes, 7, &bi));
    CHECK_PROBLEM(bi.stop, "fewer than 8 bytes are readable", 0, 0, 0);
    CHECK(!bootinfo_parse(NULL, 64, &bi));
    CHECK_PROBLEM(bi.stop, "fewer than 8 bytes are readable", 0, 0, 0);
}

TEST(test_bootinfo_stops_at_tag_size_below_8_keeping_earlier_tags)
{
    for (uint32_t size = 0; size < 8; size++) {
        struct mbi m;
        struct bootinfo bi;
        size_t at;

        mbi_begin(&m);
        add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "kept");
        add_meminfo(&m, 1, 2);
        at = mbi_add_sized(&m, MULTIBOOT2_TAG_TYPE_BOOTDEV, size, NULL);
        add_meminfo(&m, 3, 4);
        mbi_finish(&m);
        CHECK(!parse_mbi(&m, &bi));
        CHECK(!bi.complete);
        CHECK_EQ_UINT(1, bi.problem_count);
        CHECK_PROBLEM(bi.stop, "a tag's size is below 8", at, MULTIBOOT2_TAG_TYPE_BOOTDEV, 2);
        CHECK_EQ_STR("kept", bi.cmdline);
        CHECK_EQ_UINT(2, bi.mem_upper_kib);
        CHECK_EQ_UINT(2, bi.tag_count);
    }
}

TEST(test_bootinfo_stops_at_tag_running_past_total_size_keeping_earlier_tags)
{
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};
    size_t at, total;

    mbi_begin(&m);
    add_u32_tag(&m, MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR, 0x100000);
    add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "kept");
    fill(&b, 16, 0);
    at = mbi_add_sized(&m, MULTIBOOT2_TAG_TYPE_MMAP, 0x1000, &b);
    total = mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK(!bi.complete);
    CHECK_PROBLEM(bi.stop, "a tag runs past total_size", at, MULTIBOOT2_TAG_TYPE_MMAP, 2);
    CHECK_EQ_UINT(total, bi.total_size);
    CHECK_EQ_UINT(0x100000, bi.load_base_addr);
    CHECK_EQ_STR("kept", bi.cmdline);
    CHECK_EQ_UINT(BIT(21) | BIT(1), bi.present);
}

TEST(test_bootinfo_stops_at_tag_size_near_4gib)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_begin(&m);
    mbi_add_sized(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, 0xFFFFFFFC, NULL);
    mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK_PROBLEM(bi.stop, "a tag runs past total_size", 8, MULTIBOOT2_TAG_TYPE_CMDLINE, 0);
}

TEST(test_bootinfo_reports_missing_end_tag)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_begin(&m);
    add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "kept");
    add_meminfo(&m, 1, 2);
    CHECK(!parse_mbi(&m, &bi));
    CHECK(!bi.complete);
    CHECK_PROBLEM(bi.stop, "no end tag", m.length, 0, 2);
    CHECK_EQ_STR("kept", bi.cmdline);
    CHECK(bootinfo_has(&bi, MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO));
}

TEST(test_bootinfo_stops_at_end_tag_before_total_size)
{
    struct mbi m;
    struct bootinfo bi;

    mbi_begin(&m);
    add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "kept");
    mbi_finish(&m);
    add_meminfo(&m, 1, 2);  /* after the end tag; total_size now covers it */
    CHECK(parse_mbi(&m, &bi));
    CHECK(bi.complete);
    CHECK_EQ_UINT(1, bi.tag_count);
    CHECK(!bootinfo_has(&bi, MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO));
}

/* ---- truncation ---- */

/* Whatever prefix of a GRUB layout is readable, the parser stays inside it
 * and reports a stop; a total_size that claims more is rejected. */
TEST(test_bootinfo_survives_capacity_cut_at_every_offset)
{
    struct mbi layouts[2];
    size_t totals[2] = {build_grub_bios(&layouts[0]), build_grub_uefi(&layouts[1])};

    for (int l = 0; l < 2; l++) {
        for (size_t cut = 0; cut <= totals[l]; cut++) {
            struct bootinfo bi;
            bool ok = parse_bytes(layouts[l].bytes, cut, &bi);

            CHECK_EQ_INT(cut == totals[l], ok);
            if (cut < 8)
                CHECK_EQ_STR("fewer than 8 bytes are readable", bi.stop.reason);
            else if (cut < totals[l])
                CHECK_EQ_STR("total_size is above the readable capacity", bi.stop.reason);
        }
    }
}

/* Cuts a GRUB layout at every offset and patches total_size to the cut:
 * the walk must keep exactly the tags that lie wholly before the cut and
 * stop at the next one with the right reason. */
TEST(test_bootinfo_survives_total_size_patched_to_every_cut)
{
    static struct mbi layouts[2];
    size_t totals[2] = {build_grub_bios(&layouts[0]), build_grub_uefi(&layouts[1])};

    for (int l = 0; l < 2; l++) {
        const struct mbi *full = &layouts[l];
        for (size_t cut = 0; cut <= totals[l]; cut++) {
            static struct mbi m;
            struct bootinfo bi;
            uint32_t expected_present = 0;
            int kept = 0;
            bool ok;

            m = *full;
            put_le(m.bytes, cut, 4);
            ok = parse_bytes(m.bytes, cut, &bi);
            CHECK_EQ_INT(cut == totals[l], ok);
            if (cut < 8) {
                CHECK_EQ_STR("fewer than 8 bytes are readable", bi.stop.reason);
                continue;
            }
            if (cut < 16) {
                CHECK_EQ_STR("total_size is below 16", bi.stop.reason);
                continue;
            }
            while (kept < full->tags - 1 &&
                   full->tag_offset[kept] + full->tag_size[kept] <= cut)
                expected_present |= BIT(full->tag_type[kept++]);
            CHECK_EQ_UINT(expected_present, bi.present);
            CHECK_EQ_UINT(kept, bi.tag_count);
            if (cut == totals[l]) {
                CHECK(bi.complete);
                continue;
            }
            CHECK(!bi.complete);
            CHECK_EQ_UINT(1, bi.problem_count);
            CHECK_EQ_UINT(full->tag_offset[kept], bi.stop.offset);
            CHECK_EQ_UINT(kept, bi.stop.tag_index);
            CHECK_EQ_STR(full->tag_offset[kept] >= cut ? "no end tag"
                                                       : "a tag runs past total_size",
                         bi.stop.reason);
        }
    }
}

/* ---- fuzz seeds ---- */

static void write_seed(const char *dir, const char *name, const struct mbi *m)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f == NULL)
        return;
    CHECK_EQ_UINT(m->length, fwrite(m->bytes, 1, m->length, f));
    CHECK_EQ_INT(0, fclose(f));
}

/* The layouts every fuzz run starts from; written as files when
 * BOOTINFO_SEED_DIR names a directory. */
TEST(test_bootinfo_seed_layouts_parse_cleanly)
{
    static const struct {
        const char *name;
        size_t (*build)(struct mbi *m);
    } seeds[] = {
        {"grub_bios", build_grub_bios},
        {"grub_uefi", build_grub_uefi},
        {"grub_uefi_boot_services", build_grub_uefi_boot_services},
        {"other_tags", build_other_tags},
        {"full_arrays", build_full_arrays},
    };
    const char *dir = getenv("BOOTINFO_SEED_DIR");

    for (int i = 0; i < COUNT(seeds); i++) {
        static struct mbi m;
        struct bootinfo bi;

        seeds[i].build(&m);
        CHECK(parse_mbi(&m, &bi));
        if (dir != NULL)
            write_seed(dir, seeds[i].name, &m);
    }
}
