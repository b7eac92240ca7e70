/*
 * mbi_builder.c: building MBIs for the host tests and the fuzzer's seeds
 * (see mbi_builder.h).
 */
#include "mbi_builder.h"

#include "arch/x86_64/multiboot2.h"
#include "kernel/bootinfo/bootinfo.h"

#include <stdlib.h>
#include <string.h>

#define GARBAGE 0xAA /* what fills the padding GRUB does not clear */
#define FIXED_PART_BYTES 8 /* u32 total_size, u32 reserved */
#define HEAD_BYTES 8 /* a tag's u32 type, u32 size */
#define END_TAG_BYTES 8
#define TAG_ALIGN 8
#define MMAP_ENTRY_BYTES 24 /* u64 base_addr, u64 length, u32 type, u32 reserved */
#define PALETTE_ENTRY_BYTES 3 /* u8 red, green, blue */
#define RSDP_V2_BYTES 36 /* the ACPI 2.0 RSDP */
#define VBE_INFO_BLOCKS_BYTES (512 + 256) /* VBE functions 00h and 01h */

void put_le(uint8_t *p, uint64_t value, int width)
{
    for (int i = 0; i < width; i++)
        p[i] = (uint8_t)(value >> (8 * i));
}

static void append_le(struct body *b, uint64_t value, int width)
{
    if (b->length + (size_t)width > sizeof b->bytes)
        abort();
    put_le(b->bytes + b->length, value, width);
    b->length += (size_t)width;
}

void body_u8(struct body *b, uint64_t value) { append_le(b, value, 1); }
void body_u16(struct body *b, uint64_t value) { append_le(b, value, 2); }
void body_u32(struct body *b, uint64_t value) { append_le(b, value, 4); }
void body_u64(struct body *b, uint64_t value) { append_le(b, value, 8); }

void body_fill(struct body *b, size_t count, uint8_t byte)
{
    while (count-- > 0)
        body_u8(b, byte);
}

void body_text(struct body *b, const char *s, bool terminate)
{
    size_t n = strlen(s) + (terminate ? 1 : 0);
    for (size_t i = 0; i < n; i++)
        body_u8(b, (uint8_t)s[i]);
}

void mbi_begin(struct mbi *m)
{
    memset(m->bytes, GARBAGE, sizeof m->bytes);
    put_le(m->bytes, 0, FIXED_PART_BYTES);
    m->length = FIXED_PART_BYTES;
    m->tags = 0;
}

size_t mbi_add_sized(struct mbi *m, uint32_t type, uint32_t size, const struct body *b)
{
    size_t at = m->length, body_length = b ? b->length : 0;

    if (at + HEAD_BYTES + body_length + END_TAG_BYTES > MBI_BYTES || m->tags == MBI_MAX_TAGS)
        abort();
    put_le(m->bytes + at, type, 4);
    put_le(m->bytes + at + 4, size, 4);
    if (b)
        memcpy(m->bytes + at + HEAD_BYTES, b->bytes, body_length);
    m->tag_type[m->tags] = type;
    m->tag_offset[m->tags] = at;
    m->tag_size[m->tags] = size;
    m->tags++;
    m->length = (at + HEAD_BYTES + body_length + TAG_ALIGN - 1) & ~(size_t)(TAG_ALIGN - 1);
    put_le(m->bytes, m->length, 4);  /* total_size */
    return at;
}

size_t mbi_add(struct mbi *m, uint32_t type, const struct body *b)
{
    return mbi_add_sized(m, type, (uint32_t)(HEAD_BYTES + (b ? b->length : 0)), b);
}

size_t mbi_finish(struct mbi *m)
{
    mbi_add(m, MULTIBOOT2_TAG_TYPE_END, NULL);
    return m->length;
}

void mbi_add_u32_tag(struct mbi *m, uint32_t type, uint32_t value)
{
    struct body b = {0};
    body_u32(&b, value);
    mbi_add(m, type, &b);
}

void mbi_add_u64_tag(struct mbi *m, uint32_t type, uint64_t value)
{
    struct body b = {0};
    body_u64(&b, value);
    mbi_add(m, type, &b);
}

void mbi_add_string_tag(struct mbi *m, uint32_t type, const char *s)
{
    struct body b = {0};
    body_text(&b, s, true);
    mbi_add(m, type, &b);
}

void mbi_add_module(struct mbi *m, uint32_t start, uint32_t end, const char *s)
{
    struct body b = {0};
    body_u32(&b, start);
    body_u32(&b, end);
    body_text(&b, s, true);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_MODULE, &b);
}

void mbi_add_meminfo(struct mbi *m, uint32_t lower, uint32_t upper)
{
    struct body b = {0};
    body_u32(&b, lower);
    body_u32(&b, upper);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO, &b);
}

void mbi_add_bootdev(struct mbi *m, uint32_t biosdev, uint32_t part, uint32_t sub)
{
    struct body b = {0};
    body_u32(&b, biosdev);
    body_u32(&b, part);
    body_u32(&b, sub);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_BOOTDEV, &b);
}

void body_mmap(struct body *b, const struct region *r, int count, uint32_t entry_size)
{
    body_u32(b, entry_size);
    body_u32(b, 0);
    for (int i = 0; i < count; i++) {
        body_u64(b, r[i].base);
        body_u64(b, r[i].length);
        body_u32(b, r[i].type);
        body_u32(b, 0);
        body_fill(b, entry_size > MMAP_ENTRY_BYTES ? entry_size - MMAP_ENTRY_BYTES : 0, 0x5A);
    }
}

void mbi_add_mmap(struct mbi *m, const struct region *r, int count)
{
    struct body b = {0};
    body_mmap(&b, r, count, MMAP_ENTRY_BYTES);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_MMAP, &b);
}

void body_framebuffer(struct body *b, uint64_t addr, uint32_t pitch, uint32_t width,
                             uint32_t height, uint8_t bpp, uint8_t type)
{
    body_u64(b, addr);
    body_u32(b, pitch);
    body_u32(b, width);
    body_u32(b, height);
    body_u8(b, bpp);
    body_u8(b, type);
    body_u16(b, 0);  /* GRUB's u16 reserved */
}

void mbi_add_ega_text_framebuffer(struct mbi *m)
{
    struct body b = {0};
    body_framebuffer(&b, 0xB8000, 160, 80, 25, 16, MULTIBOOT2_FRAMEBUFFER_TYPE_EGA_TEXT);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, &b);
}

void mbi_add_rgb_framebuffer(struct mbi *m)
{
    struct body b = {0};
    body_framebuffer(&b, 0xFD000000, 4096, 1024, 768, 32, MULTIBOOT2_FRAMEBUFFER_TYPE_RGB);
    body_u8(&b, 16);  /* red: field position, mask size */
    body_u8(&b, 8);
    body_u8(&b, 8);   /* green */
    body_u8(&b, 8);
    body_u8(&b, 0);   /* blue */
    body_u8(&b, 8);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, &b);
}

void mbi_add_indexed_framebuffer(struct mbi *m, uint16_t colors)
{
    struct body b = {0};
    body_framebuffer(&b, 0xA0000, 320, 320, 200, 8, MULTIBOOT2_FRAMEBUFFER_TYPE_INDEXED);
    body_u16(&b, colors);
    body_fill(&b, PALETTE_ENTRY_BYTES * colors, 0x3F);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER, &b);
}

void mbi_add_elf_sections(struct mbi *m, uint32_t num, uint32_t entsize)
{
    struct body b = {0};
    body_u32(&b, num);
    body_u32(&b, entsize);
    body_u32(&b, num - 1);
    for (uint32_t i = 0; i < num * entsize; i++)
        body_u8(&b, (uint8_t)i);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_ELF_SECTIONS, &b);
}

void mbi_add_apm(struct mbi *m)
{
    struct body b = {0};
    body_u16(&b, 0x0102);     /* version */
    body_u16(&b, 0xF000);     /* cseg */
    body_u32(&b, 0x0000ABCD); /* offset */
    body_u16(&b, 0xF100);     /* cseg_16 */
    body_u16(&b, 0x0040);     /* dseg */
    body_u16(&b, 0x0003);     /* flags */
    body_u16(&b, 0xFFF0);     /* cseg_len */
    body_u16(&b, 0xFFF1);     /* cseg_16_len */
    body_u16(&b, 0x0100);     /* dseg_len */
    mbi_add(m, MULTIBOOT2_TAG_TYPE_APM, &b);
}

void mbi_add_rsdp(struct mbi *m, uint32_t type)
{
    struct body b = {0};
    body_text(&b, "RSD PTR ", false);
    body_u8(&b, 0x5C);                 /* checksum */
    body_text(&b, "BOCHS ", false);
    body_u8(&b, type == MULTIBOOT2_TAG_TYPE_ACPI_NEW ? 2 : 0);  /* revision */
    body_u32(&b, 0x07FE1A2E);          /* rsdt_address */
    if (type == MULTIBOOT2_TAG_TYPE_ACPI_NEW) {
        body_u32(&b, RSDP_V2_BYTES);   /* length */
        body_u64(&b, 0x000000007FB7E0E8); /* xsdt_address */
        body_u8(&b, 0x11);             /* extended checksum */
        body_fill(&b, 3, 0);           /* reserved */
    }
    mbi_add(m, type, &b);
}

void mbi_add_efi_mmap(struct mbi *m, uint32_t count, uint32_t descriptor_size)
{
    struct body b = {0};
    body_u32(&b, descriptor_size);
    body_u32(&b, 1);
    body_fill(&b, (size_t)count * descriptor_size, 0x07);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_EFI_MMAP, &b);
}

void mbi_add_vbe(struct mbi *m, uint16_t mode)
{
    struct body b = {0};
    body_u16(&b, mode);
    body_u16(&b, 0xC000);
    body_u16(&b, 0x1234);
    body_u16(&b, 0x0056);
    body_fill(&b, VBE_INFO_BLOCKS_BYTES, 0x42);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_VBE, &b);
}

void mbi_add_smbios(struct mbi *m, uint8_t major, uint8_t minor)
{
    struct body b = {0};
    body_u8(&b, major);
    body_u8(&b, minor);
    body_fill(&b, 6, 0);      /* reserved */
    body_fill(&b, 31, 0x5F);  /* the entry point structure */
    mbi_add(m, MULTIBOOT2_TAG_TYPE_SMBIOS, &b);
}

void mbi_add_network(struct mbi *m)
{
    struct body b = {0};
    body_fill(&b, 300, 0x63);  /* a DHCP ACK */
    mbi_add(m, MULTIBOOT2_TAG_TYPE_NETWORK, &b);
}

/* The section headers GRUB copies from the kernel it loads: the stripped
 * longboot.elf, an ELF64 file with 8 sections of 64-byte headers. */
#define KERNEL_SECTIONS 8
#define ELF64_SECTION_HEADER_SIZE 64

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

/* GRUB 2.06 on BIOS, text mode: tags 21,1,2,10,3,6,9,4,5,8,14,0. */
size_t mbi_build_grub_bios(struct mbi *m)
{
    mbi_begin(m);
    mbi_add_u32_tag(m, MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR, 0x100000);
    mbi_add_string_tag(m, MULTIBOOT2_TAG_TYPE_CMDLINE, GRUB_CMDLINE);
    mbi_add_string_tag(m, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, GRUB_NAME);
    mbi_add_apm(m);
    mbi_add_module(m, 0x108000, 0x109234, "initrd arg");
    mbi_add_mmap(m, bios_regions, COUNT(bios_regions));
    mbi_add_elf_sections(m, KERNEL_SECTIONS, ELF64_SECTION_HEADER_SIZE);
    mbi_add_meminfo(m, 639, 130048);
    mbi_add_bootdev(m, 0x80, 0, 0xFFFFFFFF);
    mbi_add_ega_text_framebuffer(m);
    mbi_add_rsdp(m, MULTIBOOT2_TAG_TYPE_ACPI_OLD);
    return mbi_finish(m);
}

/* GRUB 2.06 x86_64-efi on OVMF: tags 21,1,2,6,9,4,8,12,14,15,17,0. */
size_t mbi_build_grub_uefi(struct mbi *m)
{
    mbi_begin(m);
    mbi_add_u32_tag(m, MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR, 0x100000);
    mbi_add_string_tag(m, MULTIBOOT2_TAG_TYPE_CMDLINE, GRUB_CMDLINE);
    mbi_add_string_tag(m, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, GRUB_NAME);
    mbi_add_mmap(m, uefi_regions, COUNT(uefi_regions));
    mbi_add_elf_sections(m, KERNEL_SECTIONS, ELF64_SECTION_HEADER_SIZE);
    mbi_add_meminfo(m, 640, 7168);
    mbi_add_rgb_framebuffer(m);
    mbi_add_u64_tag(m, MULTIBOOT2_TAG_TYPE_EFI64, 0x7FBEE018);
    mbi_add_rsdp(m, MULTIBOOT2_TAG_TYPE_ACPI_OLD);
    mbi_add_rsdp(m, MULTIBOOT2_TAG_TYPE_ACPI_NEW);
    mbi_add_efi_mmap(m, 40, 48);
    return mbi_finish(m);
}

/* GRUB 2.06 on UEFI with boot services kept: 21,1,2,9,12,14,15,18,20,0. */
size_t mbi_build_grub_uefi_boot_services(struct mbi *m)
{
    mbi_begin(m);
    mbi_add_u32_tag(m, MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR, 0x100000);
    mbi_add_string_tag(m, MULTIBOOT2_TAG_TYPE_CMDLINE, "");
    mbi_add_string_tag(m, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, GRUB_NAME);
    mbi_add_elf_sections(m, KERNEL_SECTIONS, ELF64_SECTION_HEADER_SIZE);
    mbi_add_u64_tag(m, MULTIBOOT2_TAG_TYPE_EFI64, 0x7FBEE018);
    mbi_add_rsdp(m, MULTIBOOT2_TAG_TYPE_ACPI_OLD);
    mbi_add_rsdp(m, MULTIBOOT2_TAG_TYPE_ACPI_NEW);
    mbi_add(m, MULTIBOOT2_TAG_TYPE_EFI_BS, NULL);
    mbi_add_u64_tag(m, MULTIBOOT2_TAG_TYPE_EFI64_IH, 0x7E3C1A98);
    return mbi_finish(m);
}

/* The tag types the GRUB layouts above do not carry, plus an unknown one. */
size_t mbi_build_other_tags(struct mbi *m)
{
    mbi_begin(m);
    mbi_add_vbe(m, 0x4118);
    mbi_add_indexed_framebuffer(m, 16);
    mbi_add_u32_tag(m, MULTIBOOT2_TAG_TYPE_EFI32, 0x7FBEE000);
    mbi_add_smbios(m, 2, 8);
    mbi_add_network(m);
    mbi_add_network(m);
    mbi_add_u32_tag(m, MULTIBOOT2_TAG_TYPE_EFI32_IH, 0x7E3C1A00);
    mbi_add_u32_tag(m, 22, 0xDEADBEEF);
    return mbi_finish(m);
}

/* More modules and memory regions than struct bootinfo holds. */
size_t mbi_build_full_arrays(struct mbi *m)
{
    static struct region r[BOOTINFO_MAX_MMAP_ENTRIES + 2];

    mbi_begin(m);
    for (int i = 0; i < BOOTINFO_MAX_MODULES + 2; i++)
        mbi_add_module(m, 0x200000 + 0x1000 * (uint32_t)i, 0x200800 + 0x1000 * (uint32_t)i, "m");
    for (int i = 0; i < COUNT(r); i++)
        r[i] = (struct region){(uint64_t)i << 20, 0x1000, (uint32_t)(1 + i % 5)};
    mbi_add_mmap(m, r, COUNT(r));
    return mbi_finish(m);
}

const struct mbi_seed mbi_seeds[] = {
    {"grub_bios", mbi_build_grub_bios},
    {"grub_uefi", mbi_build_grub_uefi},
    {"grub_uefi_boot_services", mbi_build_grub_uefi_boot_services},
    {"other_tags", mbi_build_other_tags},
    {"full_arrays", mbi_build_full_arrays},
};
const int mbi_seed_count = COUNT(mbi_seeds);
