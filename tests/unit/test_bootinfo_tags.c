/*
 * test_bootinfo_tags.c: host tests of single tags whose own fields are
 * wrong (too short, a variable part running past the tag) or whose type
 * is unknown: each is skipped and the walk goes on.
 */
#include "arch/x86_64/multiboot2.h"
#include "bootinfo_check.h"
#include "check.h"
#include "kernel/bootinfo/bootinfo.h"
#include "mbi_builder.h"

#include <stdint.h>

/* ---- tag names and unknown types ---- */

TEST(test_bootinfo_names_tag_types)
{
    CHECK_EQ_STR("memory map", bootinfo_tag_name(MULTIBOOT2_TAG_TYPE_MMAP));
    CHECK_EQ_STR("image load base", bootinfo_tag_name(MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR));
    CHECK_EQ_STR("unknown", bootinfo_tag_name(22));
}

TEST(test_bootinfo_skips_unknown_tag_types)
{
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};

    body_fill(&b, 13, 0x01);
    mbi_begin(&m);
    mbi_add(&m, 22, &b);
    mbi_add(&m, 0xFFFFFFFF, &b);
    mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "after");
    mbi_finish(&m);
    CHECK(parse_mbi(&m, &bi));
    CHECK_EQ_UINT(2, bi.unknown_tag_count);
    CHECK_EQ_UINT(3, bi.tag_count);
    CHECK_EQ_STR("after", bi.cmdline);
    CHECK_EQ_UINT(BIT(MULTIBOOT2_TAG_TYPE_CMDLINE), bi.present);
}

/* ---- malformed tags ---- */

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

        body_fill(&b, fixed[i].size - 9, 0);
        mbi_begin(&m);
        at = mbi_add(&m, fixed[i].type, &b);
        mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "next");
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
    body_framebuffer(&b, 0xFD000000, 4096, 1024, 768, 32, MULTIBOOT2_FRAMEBUFFER_TYPE_RGB);
    body_fill(&b, 5, 8);
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
    body_framebuffer(&b, 0xA0000, 320, 320, 200, 8, MULTIBOOT2_FRAMEBUFFER_TYPE_INDEXED);
    body_u16(&b, 256);
    body_fill(&b, 3 * 255, 0);
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
    body_u32(&b, 0x10000000);  /* num: num * entsize overflows 32 bits */
    body_u32(&b, 0x40);
    body_u32(&b, 1);
    body_fill(&b, 64, 0);
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
    mbi_add_efi_mmap(&m, 3, 0);
    mbi_finish(&m);
    CHECK(!parse_mbi(&m, &bi));
    CHECK_PROBLEM(bi.problems[0], "EFI memory map descriptor_size is 0", 8,
                  MULTIBOOT2_TAG_TYPE_EFI_MMAP, 0);
}
