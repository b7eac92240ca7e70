/*
 * test_report.c: host tests of report.c, the boot report on the 80x25 screen.
 *
 * Each test fills a struct bootinfo by hand (as bootinfo_parse() would have
 * left it), prints the report through a printer that appends to a bounded
 * buffer, splits that into lines and checks them exactly. The GRUB-like
 * boot is GRUB 2.06 on QEMU's BIOS with 128 MiB in EGA text mode.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arch/x86_64/multiboot2.h"
#include "capture.h"
#include "check.h"
#include "kernel/bootinfo/bootinfo.h"
#include "kernel/bootinfo/report.h"

#define SCREEN_COLUMNS 80
#define REPORT_MAX_LINES 20 /* 25 rows less the 5 other kernel lines */
#define UNUSED 0xFFFFFFFFu  /* bootdev partition fields not in use */

/* ---- capturing the report (tests/unit/capture.c) ---- */

static int line_count;

/* Prints the report of *bi and splits it into capture_lines (newlines removed). */
static void capture(const struct bootinfo *bi)
{
    capture_reset();
    report_print(bi, capture_print);
    line_count = capture_split();
}

/* The first line starting with `prefix`, or NULL. */
static const char *line_starting(const char *prefix)
{
    for (int i = 0; i < line_count; i++)
        if (strncmp(capture_lines[i], prefix, strlen(prefix)) == 0)
            return capture_lines[i];
    return NULL;
}

/* The index of the first line starting with `prefix`, or -1. */
static int index_of_line(const char *prefix)
{
    for (int i = 0; i < line_count; i++)
        if (strncmp(capture_lines[i], prefix, strlen(prefix)) == 0)
            return i;
    return -1;
}

/* ---- building boot information ---- */

static void set_present(struct bootinfo *bi, uint32_t type)
{
    bi->present |= 1u << type;
}

static void add_region(struct bootinfo *bi, uint64_t base, uint64_t length, uint32_t type)
{
    struct bootinfo_mmap_entry *entry = &bi->mmap[bi->mmap_count++];

    entry->base = base;
    entry->length = length;
    entry->type = type;
    if (type == MULTIBOOT2_MEMORY_AVAILABLE)
        bi->usable_bytes += length;
    set_present(bi, MULTIBOOT2_TAG_TYPE_MMAP);
}

static void add_module(struct bootinfo *bi, uint32_t start, uint32_t end, const char *string)
{
    struct bootinfo_module *module = &bi->modules[bi->module_count++];

    module->start = start;
    module->end = end;
    snprintf(module->string, sizeof module->string, "%s", string);
    set_present(bi, MULTIBOOT2_TAG_TYPE_MODULE);
}

static void set_rsdp(struct bootinfo_rsdp *rsdp, uint8_t revision, const char *oem,
                     uint32_t rsdt, uint64_t xsdt)
{
    rsdp->revision = revision;
    snprintf(rsdp->oem_id, sizeof rsdp->oem_id, "%s", oem);
    rsdp->rsdt_address = rsdt;
    rsdp->xsdt_address = xsdt;
}

/* An empty boot: no tags at all, as after memset. */
static void empty_boot(struct bootinfo *bi)
{
    memset(bi, 0, sizeof *bi);
    bi->complete = true;
}

/* QEMU's 128 MiB BIOS map, plus the 12 GiB reserved hole QEMU puts below 1 TiB. */
static void add_qemu_bios_map(struct bootinfo *bi)
{
    add_region(bi, 0x0, 0x9FC00, MULTIBOOT2_MEMORY_AVAILABLE);
    add_region(bi, 0x9FC00, 0x400, MULTIBOOT2_MEMORY_RESERVED);
    add_region(bi, 0xF0000, 0x10000, MULTIBOOT2_MEMORY_RESERVED);
    add_region(bi, 0x100000, 0x7EE0000, MULTIBOOT2_MEMORY_AVAILABLE);
    add_region(bi, 0x7FE0000, 0x20000, MULTIBOOT2_MEMORY_RESERVED);
    add_region(bi, 0xFFFC0000, 0x40000, MULTIBOOT2_MEMORY_RESERVED);
    add_region(bi, 0xFD00000000, 0x300000000, MULTIBOOT2_MEMORY_RESERVED);
}

static void set_ega_text(struct bootinfo *bi)
{
    bi->framebuffer.addr = 0xB8000;
    bi->framebuffer.width = 80;
    bi->framebuffer.height = 25;
    bi->framebuffer.pitch = 160;
    bi->framebuffer.bpp = 16;
    bi->framebuffer.type = MULTIBOOT2_FRAMEBUFFER_TYPE_EGA_TEXT;
    set_present(bi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER);
}

/* GRUB 2.06 on QEMU's BIOS, booted from the CD in EGA text mode. */
static void grub_bios_boot(struct bootinfo *bi)
{
    empty_boot(bi);
    snprintf(bi->loader_name, sizeof bi->loader_name, "GRUB 2.06-13+deb12u2");
    set_present(bi, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME);
    snprintf(bi->cmdline, sizeof bi->cmdline, "hello key=value \"two words\"");
    set_present(bi, MULTIBOOT2_TAG_TYPE_CMDLINE);
    bi->mem_lower_kib = 639;
    bi->mem_upper_kib = 129920;
    set_present(bi, MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO);
    add_qemu_bios_map(bi);
    set_ega_text(bi);
    set_rsdp(&bi->acpi_old, 0, "BOCHS ", 0x7FE2318, 0);
    set_present(bi, MULTIBOOT2_TAG_TYPE_ACPI_OLD);
    add_module(bi, 0x120000, 0x121000, "initrd");
    bi->biosdev = 0xE0;
    bi->partition = UNUSED;
    bi->sub_partition = UNUSED;
    set_present(bi, MULTIBOOT2_TAG_TYPE_BOOTDEV);
}

static struct bootinfo bi;

/* The memory-map row printed for a single region. */
static const char *row_for_region(uint64_t base, uint64_t length, uint32_t type)
{
    empty_boot(&bi);
    add_region(&bi, base, length, type);
    capture(&bi);
    int memory = index_of_line("Memory:");
    if (memory < 0 || memory + 1 >= line_count)
        return NULL;
    return capture_lines[memory + 1];
}

/* The size text of a memory-map row for a region of `length` bytes. */
static const char *size_text(uint64_t length)
{
    static char size[64];
    const char *row = row_for_region(0x100000, length, MULTIBOOT2_MEMORY_RESERVED);
    const char *start = row ? strstr(row, "] ") : NULL;
    const char *end = start ? strstr(start, " reserved") : NULL;

    if (!start || !end)
        return row;
    start += 2;
    snprintf(size, sizeof size, "%.*s", (int)(end - start), start);
    return size;
}

/* ---- the whole report ---- */

TEST(test_report_grub_bios_lines_fit_in_80_columns)
{
    grub_bios_boot(&bi);
    capture(&bi);
    CHECK(line_count > 0);
    for (int i = 0; i < line_count; i++)
        if (strlen(capture_lines[i]) > SCREEN_COLUMNS)
            check_fail(__FILE__, __LINE__, "line %d: expected at most %d columns, saw %zu: \"%s\"",
                       i + 1, SCREEN_COLUMNS, strlen(capture_lines[i]), capture_lines[i]);
}

TEST(test_report_grub_bios_fits_in_20_lines)
{
    grub_bios_boot(&bi);
    capture(&bi);
    CHECK(line_count <= REPORT_MAX_LINES);
    CHECK_EQ_INT(14, line_count);
    CHECK_EQ_INT(0, capture_unterminated);
}

TEST(test_report_grub_bios_prints_each_section_in_order)
{
    grub_bios_boot(&bi);
    capture(&bi);
    CHECK_EQ_INT(0, index_of_line("Loader:    "));
    CHECK_EQ_INT(1, index_of_line("Command:   "));
    CHECK_EQ_INT(2, index_of_line("Memory:    "));
    CHECK_EQ_INT(10, index_of_line("Display:   "));
    CHECK_EQ_INT(11, index_of_line("ACPI:      "));
    CHECK_EQ_INT(12, index_of_line("Modules:   "));
    CHECK_EQ_INT(13, index_of_line("Boot disk: "));
}

/* Every string at the longest the parser keeps: the header promises 80 columns. */
/* Only the command line and module strings may be long enough to wrap (report.h). */
TEST(test_report_lines_fit_in_80_columns_with_longest_loader_name)
{
    grub_bios_boot(&bi);
    memset(bi.loader_name, 'l', sizeof bi.loader_name - 1);
    bi.loader_name[sizeof bi.loader_name - 1] = '\0';
    bi.loader_name_truncated = true;
    capture(&bi);
    CHECK(line_count > 0);
    for (int i = 0; i < line_count; i++)
        if (strlen(capture_lines[i]) > SCREEN_COLUMNS)
            check_fail(__FILE__, __LINE__, "line %d: expected at most %d columns, saw %zu: \"%.20s...\"",
                       i + 1, SCREEN_COLUMNS, strlen(capture_lines[i]), capture_lines[i]);
}

/* ---- loader and command line ---- */

TEST(test_report_shows_loader_name)
{
    grub_bios_boot(&bi);
    capture(&bi);
    CHECK_EQ_STR("Loader:    GRUB 2.06-13+deb12u2", line_starting("Loader:"));
}

TEST(test_report_says_when_loader_gave_no_name)
{
    empty_boot(&bi);
    capture(&bi);
    CHECK_EQ_STR("Loader:    (did not give its name)", line_starting("Loader:"));
}

TEST(test_report_shows_command_line_verbatim)
{
    grub_bios_boot(&bi);
    capture(&bi);
    CHECK_EQ_STR("Command:   hello key=value \"two words\"", line_starting("Command:"));
}

TEST(test_report_says_empty_command_line)
{
    empty_boot(&bi);
    set_present(&bi, MULTIBOOT2_TAG_TYPE_CMDLINE);
    capture(&bi);
    CHECK_EQ_STR("Command:   (empty)", line_starting("Command:"));
}

TEST(test_report_shows_control_bytes_from_the_loader_escaped)
{
    empty_boot(&bi);
    set_present(&bi, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME);
    strcpy(bi.loader_name, "GRUB\x1b[2J\xc3\xa9");
    strcpy(bi.cmdline, "a\bb\tc\x7f");
    add_module(&bi, 0x121000, 0x122000, "m\x1b");
    capture(&bi);
    CHECK_EQ_STR("Loader:    GRUB\\x1b[2J\\xc3\\xa9", line_starting("Loader:"));
    CHECK_EQ_STR("Command:   a\\x08b\\x09c\\x7f", line_starting("Command:"));
    CHECK_EQ_STR("Modules:   \"m\\x1b\" at 0x121000, 4 KiB", line_starting("Modules:"));
}

TEST(test_report_says_which_strings_were_cut_and_how_long_the_command_line_was)
{
    empty_boot(&bi);
    set_present(&bi, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME);
    strcpy(bi.loader_name, "a long name");
    bi.loader_name_truncated = true;
    strcpy(bi.cmdline, "p p p");
    bi.cmdline_truncated = true;
    bi.cmdline_length = 5000;
    add_module(&bi, 0x121000, 0x122000, "mod");
    bi.modules[0].string_truncated = true;
    capture(&bi);
    CHECK_EQ_STR("Loader:    a long name (cut)", line_starting("Loader:"));
    CHECK_EQ_STR("Command:   p p p [cut: 5000 bytes in all, the first 4096 kept]",
                 line_starting("Command:"));
    CHECK_EQ_STR("Modules:   \"mod\" (cut) at 0x121000, 4 KiB", line_starting("Modules:"));
}

/* ---- memory ---- */

TEST(test_report_memory_line_shows_human_size_exact_kib_and_basic_meminfo)
{
    grub_bios_boot(&bi);
    capture(&bi);
    CHECK_EQ_UINT(133692416, bi.usable_bytes);
    CHECK_EQ_STR("Memory:    127.4 MiB usable (130559 KiB), lower 639 KiB, upper 129920 KiB",
                 line_starting("Memory:"));
}

TEST(test_report_memory_line_omits_lower_upper_without_basic_meminfo)
{
    grub_bios_boot(&bi);
    bi.present &= ~(1u << MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO);
    capture(&bi);
    CHECK_EQ_STR("Memory:    127.4 MiB usable (130559 KiB)", line_starting("Memory:"));
}

TEST(test_report_grub_bios_map_rows_are_inclusive_ranges_with_sizes)
{
    static const char *const expected[] = {
        "  [0x0000000000-0x000009fbff] 639 KiB available",
        "  [0x000009fc00-0x000009ffff] 1 KiB reserved",
        "  [0x00000f0000-0x00000fffff] 64 KiB reserved",
        "  [0x0000100000-0x0007fdffff] 126.8 MiB available",
        "  [0x0007fe0000-0x0007ffffff] 128 KiB reserved",
        "  [0x00fffc0000-0x00ffffffff] 256 KiB reserved",
        "  [0xfd00000000-0xffffffffff] 12 GiB reserved",
    };
    grub_bios_boot(&bi);
    capture(&bi);
    int memory = index_of_line("Memory:");
    CHECK(memory >= 0);
    CHECK(memory + 7 < line_count);
    if (memory < 0 || memory + 7 >= line_count)
        return;
    for (int i = 0; i < 7; i++)
        CHECK_EQ_STR(expected[i], capture_lines[memory + 1 + i]);
}

TEST(test_report_map_row_for_available_region)
{
    CHECK_EQ_STR("  [0x0000100000-0x0007fdffff] 126.8 MiB available",
                 row_for_region(0x100000, 0x7EE0000, MULTIBOOT2_MEMORY_AVAILABLE));
}

TEST(test_report_map_row_for_reserved_kib)
{
    CHECK_EQ_STR("  [0x000009fc00-0x000009ffff] 1 KiB reserved",
                 row_for_region(0x9FC00, 0x400, MULTIBOOT2_MEMORY_RESERVED));
}

TEST(test_report_map_row_above_4_gib)
{
    CHECK_EQ_STR("  [0xfd00000000-0xffffffffff] 12 GiB reserved",
                 row_for_region(0xFD00000000, 0x300000000, MULTIBOOT2_MEMORY_RESERVED));
}

TEST(test_report_map_row_names_acpi_nvs_and_bad_ram)
{
    CHECK_EQ_STR("  [0x007f900000-0x007f97ffff] 512 KiB ACPI reclaimable",
                 row_for_region(0x7F900000, 0x80000, MULTIBOOT2_MEMORY_ACPI_RECLAIMABLE));
    CHECK_EQ_STR("  [0x007f980000-0x007f9fffff] 512 KiB ACPI NVS",
                 row_for_region(0x7F980000, 0x80000, MULTIBOOT2_MEMORY_NVS));
    CHECK_EQ_STR("  [0x0000200000-0x00002fffff] 1 MiB bad RAM",
                 row_for_region(0x200000, 0x100000, MULTIBOOT2_MEMORY_BADRAM));
}

TEST(test_report_map_row_gives_number_of_unknown_type)
{
    CHECK_EQ_STR("  [0x007f800000-0x007f8fffff] 1 MiB reserved (type 20)",
                 row_for_region(0x7F800000, 0x100000, 20));
}

TEST(test_report_map_row_of_zero_length_does_not_underflow)
{
    CHECK_EQ_STR("  [0x0000100000-0x0000100000] 0 B reserved",
                 row_for_region(0x100000, 0, MULTIBOOT2_MEMORY_RESERVED));
}

TEST(test_report_map_row_that_wraps_past_the_address_space_says_so)
{
    CHECK_EQ_STR("  [0xfffffffffffff000-...] length 0x2000 runs past the end of the address space",
                 row_for_region(0xfffffffffffff000, 0x2000, MULTIBOOT2_MEMORY_AVAILABLE));
}

TEST(test_report_malformed_memory_map_is_not_called_missing)
{
    grub_bios_boot(&bi);
    bi.present &= ~(1u << MULTIBOOT2_TAG_TYPE_MMAP);
    bi.problem_count = 1;
    bi.problems[0] = (struct bootinfo_problem){ "memory map entry_size is 0", 0x48,
                                                MULTIBOOT2_TAG_TYPE_MMAP, 3 };
    capture(&bi);
    int memory = index_of_line("Memory:");
    CHECK(memory >= 0 && memory + 1 < line_count);
    if (memory >= 0 && memory + 1 < line_count)
        CHECK_EQ_STR("  the memory map was malformed (see above), so no RAM is counted",
                     capture_lines[memory + 1]);
}

TEST(test_report_says_when_there_is_no_memory_map)
{
    grub_bios_boot(&bi);
    bi.present &= ~(1u << MULTIBOOT2_TAG_TYPE_MMAP);
    capture(&bi);
    int memory = index_of_line("Memory:");
    CHECK(memory >= 0 && memory + 1 < line_count);
    if (memory >= 0 && memory + 1 < line_count)
        CHECK_EQ_STR("  no memory map from the boot loader", capture_lines[memory + 1]);
    CHECK_EQ_INT(memory + 2, index_of_line("Display:"));
}

TEST(test_report_counts_dropped_map_regions)
{
    grub_bios_boot(&bi);
    bi.mmap_dropped = 5;
    capture(&bi);
    int memory = index_of_line("Memory:");
    CHECK(memory >= 0 && memory + 8 < line_count);
    if (memory >= 0 && memory + 8 < line_count)
        CHECK_EQ_STR("  ... and 5 more regions", capture_lines[memory + 8]);
}

TEST(test_report_no_dropped_line_when_map_is_whole)
{
    grub_bios_boot(&bi);
    capture(&bi);
    CHECK(line_starting("  ...") == NULL);
}

/* ---- sizes ---- */

TEST(test_report_size_exact_units_have_no_decimal)
{
    CHECK_EQ_STR("64 KiB", size_text(64 * 1024));
    CHECK_EQ_STR("1 MiB", size_text(1024 * 1024));
    CHECK_EQ_STR("3 GiB", size_text(3ULL << 30));
    CHECK_EQ_STR("2 TiB", size_text(2ULL << 40));
}

TEST(test_report_size_fraction_has_one_truncated_decimal)
{
    CHECK_EQ_STR("126.8 MiB", size_text(0x7EE0000));  /* 126.875 MiB */
    CHECK_EQ_STR("1.5 KiB", size_text(1536));
    CHECK_EQ_STR("1.9 MiB", size_text(0x1F0000));     /* 1.9375 MiB */
}

TEST(test_report_size_below_1_kib_is_in_bytes)
{
    CHECK_EQ_STR("512 B", size_text(512));
    CHECK_EQ_STR("1023 B", size_text(1023));
    CHECK_EQ_STR("1 B", size_text(1));
}

/* 1.998 KiB, 1.99999 MiB: the decimal is one digit, never "10". */
TEST(test_report_size_just_below_next_whole_unit_shows_nine_tenths)
{
    CHECK_EQ_STR("1.9 KiB", size_text(2047));
    CHECK_EQ_STR("1.9 MiB", size_text(2 * 1024 * 1024 - 1));
    CHECK_EQ_STR("3.9 GiB", size_text((4ULL << 30) - 1));
}

/* 1228 bytes is 1.199 KiB: truncation gives 1.1, not 1.2. */
TEST(test_report_size_truncates_just_below_a_tenth)
{
    CHECK_EQ_STR("1.1 KiB", size_text(1228));
}

/* ---- display ---- */

TEST(test_report_display_ega_text)
{
    grub_bios_boot(&bi);
    capture(&bi);
    CHECK_EQ_STR("Display:   EGA text 80x25 at 0xb8000", line_starting("Display:"));
}

TEST(test_report_display_rgb_framebuffer)
{
    empty_boot(&bi);
    bi.framebuffer.addr = 0xFD000000;
    bi.framebuffer.width = 1024;
    bi.framebuffer.height = 768;
    bi.framebuffer.bpp = 32;
    bi.framebuffer.pitch = 4096;
    bi.framebuffer.type = MULTIBOOT2_FRAMEBUFFER_TYPE_RGB;
    set_present(&bi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER);
    capture(&bi);
    CHECK_EQ_STR("Display:   RGB framebuffer 1024x768x32 at 0xfd000000, pitch 4096",
                 line_starting("Display:"));
}

TEST(test_report_display_indexed_framebuffer)
{
    empty_boot(&bi);
    bi.framebuffer.addr = 0xFD000000;
    bi.framebuffer.width = 640;
    bi.framebuffer.height = 480;
    bi.framebuffer.bpp = 8;
    bi.framebuffer.pitch = 640;
    bi.framebuffer.type = MULTIBOOT2_FRAMEBUFFER_TYPE_INDEXED;
    bi.framebuffer.palette_colors = 256;
    set_present(&bi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER);
    capture(&bi);
    CHECK_EQ_STR("Display:   indexed framebuffer 640x480x8 at 0xfd000000, 256 colours",
                 line_starting("Display:"));
}

TEST(test_report_display_absent)
{
    empty_boot(&bi);
    capture(&bi);
    CHECK_EQ_STR("Display:   none reported by the boot loader", line_starting("Display:"));
}

/* ---- ACPI ---- */

TEST(test_report_acpi_old_rsdp_is_acpi_1)
{
    grub_bios_boot(&bi);
    capture(&bi);
    CHECK_EQ_STR("ACPI:      RSDP revision 0 (ACPI 1.0), OEM \"BOCHS \", RSDT 0x7fe2318",
                 line_starting("ACPI:"));
}

TEST(test_report_acpi_revision_2_shows_xsdt)
{
    empty_boot(&bi);
    set_rsdp(&bi.acpi_new, 2, "BOCHS ", 0x7FE2318, 0x7FE2260);
    set_present(&bi, MULTIBOOT2_TAG_TYPE_ACPI_NEW);
    capture(&bi);
    CHECK_EQ_STR("ACPI:      RSDP revision 2 (ACPI 2.0+), OEM \"BOCHS \", RSDT 0x7fe2318, "
                 "XSDT 0x7fe2260",
                 line_starting("ACPI:"));
}

TEST(test_report_acpi_prefers_new_rsdp_over_old)
{
    grub_bios_boot(&bi);
    set_rsdp(&bi.acpi_new, 2, "OVMF  ", 0x7FB7E074, 0x7FB7E0E8);
    set_present(&bi, MULTIBOOT2_TAG_TYPE_ACPI_NEW);
    capture(&bi);
    CHECK_EQ_STR("ACPI:      RSDP revision 2 (ACPI 2.0+), OEM \"OVMF  \", RSDT 0x7fb7e074, "
                 "XSDT 0x7fb7e0e8",
                 line_starting("ACPI:"));
}

TEST(test_report_acpi_absent)
{
    empty_boot(&bi);
    capture(&bi);
    CHECK_EQ_STR("ACPI:      no RSDP from the boot loader", line_starting("ACPI:"));
}

/* ---- modules ---- */

TEST(test_report_no_modules)
{
    empty_boot(&bi);
    capture(&bi);
    CHECK_EQ_STR("Modules:   none", line_starting("Modules:"));
}

TEST(test_report_one_module_with_string_start_and_size)
{
    grub_bios_boot(&bi);
    capture(&bi);
    CHECK_EQ_STR("Modules:   \"initrd\" at 0x120000, 4 KiB", line_starting("Modules:"));
}

TEST(test_report_second_module_is_indented_under_the_first)
{
    grub_bios_boot(&bi);
    add_module(&bi, 0x121000, 0x123800, "font");
    capture(&bi);
    int first = index_of_line("Modules:   ");
    CHECK(first >= 0 && first + 1 < line_count);
    if (first < 0 || first + 1 >= line_count)
        return;
    CHECK_EQ_STR("Modules:   \"initrd\" at 0x120000, 4 KiB", capture_lines[first]);
    CHECK_EQ_STR("           \"font\" at 0x121000, 10 KiB", capture_lines[first + 1]);
}

TEST(test_report_counts_dropped_modules)
{
    grub_bios_boot(&bi);
    bi.modules_dropped = 3;
    capture(&bi);
    int first = index_of_line("Modules:   ");
    CHECK(first >= 0 && first + 1 < line_count);
    if (first >= 0 && first + 1 < line_count)
        CHECK_EQ_STR("           ... and 3 more", capture_lines[first + 1]);
}

TEST(test_report_module_ending_before_its_start_says_so)
{
    empty_boot(&bi);
    add_module(&bi, 0x121000, 0x120000, "backwards");
    capture(&bi);
    CHECK_EQ_STR("Modules:   \"backwards\" at 0x121000, but it ends before that, at 0x120000",
                 line_starting("Modules:"));
}

/* ---- boot device ---- */

TEST(test_report_no_boot_disk_line_without_bootdev)
{
    grub_bios_boot(&bi);
    bi.present &= ~(1u << MULTIBOOT2_TAG_TYPE_BOOTDEV);
    capture(&bi);
    CHECK(line_starting("Boot disk:") == NULL);
}

TEST(test_report_boot_disk_omits_unused_partitions)
{
    grub_bios_boot(&bi);
    capture(&bi);
    CHECK_EQ_STR("Boot disk: BIOS drive 0xe0", line_starting("Boot disk:"));
}

TEST(test_report_boot_disk_shows_partition_zero)
{
    grub_bios_boot(&bi);
    bi.biosdev = 0x80;
    bi.partition = 0;
    capture(&bi);
    CHECK_EQ_STR("Boot disk: BIOS drive 0x80, partition 0", line_starting("Boot disk:"));
}

TEST(test_report_boot_disk_shows_sub_partition)
{
    grub_bios_boot(&bi);
    bi.biosdev = 0x80;
    bi.partition = 1;
    bi.sub_partition = 2;
    capture(&bi);
    CHECK_EQ_STR("Boot disk: BIOS drive 0x80, partition 1, sub-partition 2",
                 line_starting("Boot disk:"));
}
