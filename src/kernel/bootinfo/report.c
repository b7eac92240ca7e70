/*
 * report.c: turns a parsed struct bootinfo into the boot report.
 *
 * Pure C that prints through a caller-supplied printf, so host tests check
 * the exact lines, their width and how the memory map reads.
 */
#include "kernel/bootinfo/report.h"

#include <stdint.h>

#include "arch/x86_64/multiboot2.h"
#include "kernel/escape.h"

#define KIB ((uint64_t)1024)
#define ACPI_REVISION_2 2 /* RSDP revision of ACPI 2.0 and later */
#define BIOSDEV_UNUSED 0xFFFFFFFF /* partition fields not in use */

struct unit {
    uint64_t bytes;
    const char *name;
};

/* Prints bytes in the largest unit it reaches, with one truncated decimal ("127.8 MiB"). */
static void print_size(report_printer print, uint64_t bytes)
{
    static const struct unit units[] = {
        { KIB * KIB * KIB * KIB, "TiB" }, { KIB * KIB * KIB, "GiB" },
        { KIB * KIB, "MiB" }, { KIB, "KiB" }, { 1, "B" },
    };
    const struct unit *unit = &units[0];

    while (bytes < unit->bytes && unit->bytes > 1)
        unit++;
    uint64_t whole = bytes / unit->bytes;
    uint64_t tenths = bytes % unit->bytes * 10 / unit->bytes;
    if (tenths && unit->bytes > 1)
        print("%lu.%lu %s", whole, tenths, unit->name);
    else
        print("%lu %s", whole, unit->name);
}

/* Whether the parser reported a problem with a tag of this type (among those it kept). */
static bool had_problem_with(const struct bootinfo *bi, uint32_t type)
{
    uint32_t kept = bi->problem_count < BOOTINFO_MAX_PROBLEMS ? bi->problem_count
                                                             : BOOTINFO_MAX_PROBLEMS;

    for (uint32_t i = 0; i < kept; i++)
        if (bi->problems[i].tag_type == type)
            return true;
    return false;
}

static void print_memory(const struct bootinfo *bi, report_printer print)
{
    print("Memory:    ");
    print_size(print, bi->usable_bytes);
    print(" usable (%lu KiB)", bi->usable_bytes / KIB);
    if (bootinfo_has(bi, MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO))
        print(", lower %u KiB, upper %u KiB", bi->mem_lower_kib, bi->mem_upper_kib);
    print("\n");
    if (!bootinfo_has(bi, MULTIBOOT2_TAG_TYPE_MMAP)) {
        print(had_problem_with(bi, MULTIBOOT2_TAG_TYPE_MMAP)
                  ? "  the memory map was malformed (see above), so no RAM is counted\n"
                  : "  no memory map from the boot loader\n");
        return;
    }
    for (uint32_t i = 0; i < bi->mmap_count; i++) {
        const struct bootinfo_mmap_entry *entry = &bi->mmap[i];
        uint64_t last = entry->length ? entry->base + entry->length - 1 : entry->base;
        if (last < entry->base) {
            print("  [0x%010lx-...] length 0x%lx runs past the end of the address space\n",
                  entry->base, entry->length);
            continue;
        }
        print("  [0x%010lx-0x%010lx] ", entry->base, last);
        print_size(print, entry->length);
        print(" %s", bootinfo_memory_type_name(entry->type));
        if (entry->type < MULTIBOOT2_MEMORY_AVAILABLE || entry->type > MULTIBOOT2_MEMORY_BADRAM)
            print(" (type %u)", entry->type);
        print("\n");
    }
    if (bi->mmap_dropped)
        print("  ... and %u more regions\n", bi->mmap_dropped);
}

static void print_display(const struct bootinfo *bi, report_printer print)
{
    const struct bootinfo_framebuffer *fb = &bi->framebuffer;

    print("Display:   ");
    if (!bootinfo_has(bi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER)) {
        print("none reported by the boot loader\n");
        return;
    }
    switch (fb->type) {
    case MULTIBOOT2_FRAMEBUFFER_TYPE_EGA_TEXT:
        print("EGA text %ux%u at 0x%lx\n", fb->width, fb->height, fb->addr);
        break;
    case MULTIBOOT2_FRAMEBUFFER_TYPE_RGB:
        print("RGB framebuffer %ux%ux%u at 0x%lx, pitch %u\n", fb->width, fb->height, fb->bpp,
              fb->addr, fb->pitch);
        break;
    default:
        print("indexed framebuffer %ux%ux%u at 0x%lx, %u colours\n", fb->width, fb->height,
              fb->bpp, fb->addr, fb->palette_colors);
        break;
    }
}

static void print_acpi(const struct bootinfo *bi, report_printer print)
{
    const struct bootinfo_rsdp *rsdp = bootinfo_has(bi, MULTIBOOT2_TAG_TYPE_ACPI_NEW) ? &bi->acpi_new
                                     : bootinfo_has(bi, MULTIBOOT2_TAG_TYPE_ACPI_OLD) ? &bi->acpi_old
                                     : NULL;

    print("ACPI:      ");
    if (!rsdp) {
        print("no RSDP from the boot loader\n");
        return;
    }
    print("RSDP revision %u (ACPI %s), OEM \"%s\", RSDT 0x%x", rsdp->revision,
          rsdp->revision >= ACPI_REVISION_2 ? "2.0+" : "1.0", rsdp->oem_id, rsdp->rsdt_address);
    if (rsdp->xsdt_address)
        print(", XSDT 0x%lx", rsdp->xsdt_address);
    print("\n");
}

static void print_modules(const struct bootinfo *bi, report_printer print)
{
    if (bi->module_count == 0) {
        print("Modules:   none\n");
        return;
    }
    for (uint32_t i = 0; i < bi->module_count; i++) {
        const struct bootinfo_module *module = &bi->modules[i];
        print("%-11s\"", i == 0 ? "Modules:" : "");
        escape_print(print, module->string);
        print("\"%s at 0x%x, ", module->string_truncated ? " (cut)" : "", module->start);
        if (module->end >= module->start)
            print_size(print, module->end - module->start);
        else
            print("but it ends before that, at 0x%x", module->end);
        print("\n");
    }
    if (bi->modules_dropped)
        print("           ... and %u more\n", bi->modules_dropped);
}

static void print_boot_device(const struct bootinfo *bi, report_printer print)
{
    if (!bootinfo_has(bi, MULTIBOOT2_TAG_TYPE_BOOTDEV))
        return;
    print("Boot disk: BIOS drive 0x%x", bi->biosdev);
    if (bi->partition != BIOSDEV_UNUSED)
        print(", partition %u", bi->partition);
    if (bi->sub_partition != BIOSDEV_UNUSED)
        print(", sub-partition %u", bi->sub_partition);
    print("\n");
}

void report_print(const struct bootinfo *bi, report_printer print)
{
    print("Loader:    ");
    if (bootinfo_has(bi, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME))
        escape_print(print, bi->loader_name);
    else
        print("(did not give its name)");
    print("%s\n", bi->loader_name_truncated ? " (cut)" : "");
    print("Command:   ");
    if (bi->cmdline[0])
        escape_print(print, bi->cmdline);
    else
        print("(empty)");
    if (bi->cmdline_truncated)
        print(" [cut: %u bytes in all, the first %u kept]", bi->cmdline_length,
              BOOTINFO_CMDLINE_MAX - 1);
    print("\n");
    print_memory(bi, print);
    print_display(bi, print);
    print_acpi(bi, print);
    print_modules(bi, print);
    print_boot_device(bi, print);
}
