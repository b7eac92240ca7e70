/*
 * test_bootinfo_walk.c: host tests of the walk over the tag list: the
 * fixed part checked against the capacity, the walk stopping at a tag
 * whose size cannot be trusted or at a missing end tag (keeping what it
 * read), problems counted, and MBIs cut at every offset.
 */
#include "arch/x86_64/multiboot2.h"
#include "bootinfo_check.h"
#include "check.h"
#include "kernel/bootinfo/bootinfo.h"
#include "mbi_builder.h"

#include <stdint.h>
#include <stdlib.h>

/* ---- the fixed part ---- */

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
    size_t total = mbi_build_grub_bios(&m);

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

/* ---- the walk stopping ---- */

TEST(test_bootinfo_stops_at_tag_size_below_8_keeping_earlier_tags)
{
    for (uint32_t size = 0; size < 8; size++) {
        struct mbi m;
        struct bootinfo bi;
        size_t at;

        mbi_begin(&m);
        mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "kept");
        mbi_add_meminfo(&m, 1, 2);
        at = mbi_add_sized(&m, MULTIBOOT2_TAG_TYPE_BOOTDEV, size, NULL);
        mbi_add_meminfo(&m, 3, 4);
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
    mbi_add_u32_tag(&m, MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR, 0x100000);
    mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "kept");
    body_fill(&b, 16, 0);
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
    mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "kept");
    mbi_add_meminfo(&m, 1, 2);
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
    mbi_add_string_tag(&m, MULTIBOOT2_TAG_TYPE_CMDLINE, "kept");
    mbi_finish(&m);
    mbi_add_meminfo(&m, 1, 2);  /* after the end tag; total_size now covers it */
    CHECK(parse_mbi(&m, &bi));
    CHECK(bi.complete);
    CHECK_EQ_UINT(1, bi.tag_count);
    CHECK(!bootinfo_has(&bi, MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO));
}

TEST(test_bootinfo_keeps_first_problems_and_counts_all)
{
    struct mbi m;
    struct bootinfo bi;
    struct body b = {0};
    size_t at[6];

    body_text(&b, "no nul", false);
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

/* ---- truncation ---- */

/* Whatever prefix of a GRUB layout is readable, the parser stays inside it
 * and reports a stop; a total_size that claims more is rejected. */
TEST(test_bootinfo_survives_capacity_cut_at_every_offset)
{
    struct mbi layouts[2];
    size_t totals[2] = {mbi_build_grub_bios(&layouts[0]), mbi_build_grub_uefi(&layouts[1])};

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
    size_t totals[2] = {mbi_build_grub_bios(&layouts[0]), mbi_build_grub_uefi(&layouts[1])};

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
