/*
 * test_bootinfo_strings.c: host tests of the command line, boot loader
 * name and module strings: cut to what struct bootinfo holds, and
 * rejected without a NUL inside their tag; modules beyond the array.
 */
#include "arch/x86_64/multiboot2.h"
#include "bootinfo_check.h"
#include "check.h"
#include "kernel/bootinfo/bootinfo.h"
#include "mbi_builder.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- strings and arrays ---- */

TEST(test_bootinfo_truncates_long_strings)
{
    char long_text[BOOTINFO_CMDLINE_MAX + 903];
    struct mbi m;
    struct bootinfo bi;

    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    mbi_begin(&m);
    mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, long_text);
    mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME, long_text);
    mbi_add_module(&m, 1, 2, long_text);
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK(bi.cmdline_truncated);
    CHECK_EQ_UINT(BOOTINFO_CMDLINE_MAX - 1, strlen(bi.cmdline));
    CHECK_EQ_UINT(sizeof long_text - 1, bi.cmdline_length);
    CHECK(bi.loader_name_truncated);
    CHECK_EQ_UINT(BOOTINFO_LOADER_NAME_MAX - 1, strlen(bi.loader_name));
    CHECK(bi.modules[0].string_truncated);
    CHECK_EQ_UINT(BOOTINFO_MODULE_STRING_MAX - 1, strlen(bi.modules[0].string));
}

TEST(test_bootinfo_keeps_string_that_exactly_fits)
{
    char text_that_fits[BOOTINFO_CMDLINE_MAX];
    struct mbi m;
    struct bootinfo bi;

    memset(text_that_fits, 'y', sizeof text_that_fits - 1);
    text_that_fits[sizeof text_that_fits - 1] = '\0';
    mbi_begin(&m);
    mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, text_that_fits);
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK(!bi.cmdline_truncated);
    CHECK_EQ_STR(text_that_fits, bi.cmdline);
    CHECK_EQ_UINT(sizeof text_that_fits - 1, bi.cmdline_length);
}

TEST(test_bootinfo_counts_modules_beyond_array)
{
    struct mbi m;
    struct bootinfo bi;
    char name[16];

    mbi_begin(&m);
    for (int i = 0; i < BOOTINFO_MAX_MODULES + 4; i++) {
        snprintf(name, sizeof name, "mod%d", i);
        mbi_add_module(&m, 0x200000 + 0x1000 * (uint32_t)i, 0x200800 + 0x1000 * (uint32_t)i, name);
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
        mbi_add_meminfo(&m, 1, 2);
        if (types[i] == MULTIBOOT2_TAG_TYPE_MODULE) {
            body_u32(&b, 0x1000);
            body_u32(&b, 0x2000);
        }
        body_text(&b, "abc", false);
        at = mbi_add(&m, types[i], &b);
        mbi_add_meminfo(&m, 3, 4);
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
    body_text(&b, "abc", false);
    at = mbi_add(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, &b);
    memset(m.bytes + at + 11, 0, 5);  /* the padding after "abc" */
    mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK_PROBLEM(bi.problems[0], "a string is not NUL-terminated inside its tag", at,
                  MULTIBOOT2_TAG_TYPE_CMDLINE, 0);
    CHECK_EQ_STR("", bi.cmdline);
}
