/*
 * bootinfo.c: walks the Multiboot2 boot information (MBI) and copies what
 * the kernel keeps into a struct bootinfo (see bootinfo.h); what each tag
 * type holds is in bootinfo_tags.c and bootinfo_fixed_tags.c.
 *
 * Runs in the kernel right after entry, and on the host under the unit
 * tests and the fuzzer, so it is freestanding C without library calls.
 * The MBI is treated as untrusted bytes: total_size is checked against the
 * caller's capacity, each tag's size against total_size, and each field
 * against its tag's size before it is read.
 */
#include "kernel/bootinfo/bootinfo.h"

#include "arch/x86_64/multiboot2.h"
#include "kernel/bootinfo/bootinfo_tags.h"
#include "kernel/bootinfo/mbi_layout.h"
#include "kernel/le.h"

/* The smallest MBI: the fixed part and an end tag. */
#define MIN_TOTAL_SIZE (sizeof(struct mbi_fixed_part) + sizeof(struct mbi_tag))

static void clear_bytes(void *destination, size_t count)
{
    uint8_t *d = destination;

    for (size_t i = 0; i < count; i++)
        d[i] = 0;
}

static void note_problem(struct bootinfo *bi, const char *reason, uint32_t offset,
                         uint32_t tag_type)
{
    struct bootinfo_problem problem = {reason, offset, tag_type, bi->tag_count};

    if (bi->problem_count < BOOTINFO_MAX_PROBLEMS)
        bi->problems[bi->problem_count] = problem;
    bi->problem_count++;
}

/* Records why the walk ends before the end tag. Returns false to pass on. */
static bool stop_walk(struct bootinfo *bi, const char *reason, uint32_t offset,
                      uint32_t tag_type)
{
    note_problem(bi, reason, offset, tag_type);
    bi->stop = (struct bootinfo_problem){reason, offset, tag_type, bi->tag_count};
    return false;
}

/* Unknown types are skipped quietly: later specifications may add them. */
static void decode_tag(const uint8_t *tag, uint32_t type, uint32_t size, uint32_t offset,
                       struct bootinfo *bi)
{
    const char *reason;

    if (type > MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR) {
        bi->unknown_tag_count++;
        return;
    }
    reason = bootinfo_decode_tag(tag, type, size, bi);
    if (reason != NULL)
        note_problem(bi, reason, offset, type);
    else
        bi->present |= UINT32_C(1) << type;
}

/* Tags follow the fixed part, each 8-byte aligned; every size is checked
 * against what is left of total_size before the tag is looked at. */
static void walk_tags(const uint8_t *mbi, struct bootinfo *bi)
{
    uint32_t offset = sizeof(struct mbi_fixed_part);

    for (;;) {
        uint32_t left = offset < bi->total_size ? bi->total_size - offset : 0;
        if (left == 0) {
            stop_walk(bi, "no end tag", offset, 0);
            return;
        }
        if (left < sizeof(struct mbi_tag)) {
            stop_walk(bi, "a tag runs past total_size", offset, 0);
            return;
        }
        uint32_t type = le_load32(MBI_FIELD(mbi + offset, mbi_tag, type));
        uint32_t size = le_load32(MBI_FIELD(mbi + offset, mbi_tag, size));
        if (size < sizeof(struct mbi_tag)) {
            stop_walk(bi, "a tag's size is below 8", offset, type);
            return;
        }
        if (size > left) {
            stop_walk(bi, "a tag runs past total_size", offset, type);
            return;
        }
        if (type == MULTIBOOT2_TAG_TYPE_END) {
            bi->complete = true;
            return;
        }
        decode_tag(mbi + offset, type, size, offset, bi);
        bi->tag_count++;
        /* size <= total_size <= BOOTINFO_MAX_SIZE, so this cannot wrap. */
        offset += (size + MULTIBOOT2_TAG_ALIGN - 1) & ~(uint32_t)(MULTIBOOT2_TAG_ALIGN - 1);
    }
}

bool bootinfo_parse(const void *mbi, size_t capacity, struct bootinfo *out)
{
    const uint8_t *bytes = mbi;

    clear_bytes(out, sizeof *out);
    if (bytes == NULL || capacity < sizeof(struct mbi_fixed_part))
        return stop_walk(out, "fewer than 8 bytes are readable", 0, 0);
    out->total_size = le_load32(MBI_FIELD(bytes, mbi_fixed_part, total_size));
    if (out->total_size < MIN_TOTAL_SIZE)
        return stop_walk(out, "total_size is below 16", 0, 0);
    if (out->total_size > BOOTINFO_MAX_SIZE)
        return stop_walk(out, "total_size is above BOOTINFO_MAX_SIZE", 0, 0);
    if (out->total_size > capacity)
        return stop_walk(out, "total_size is above the readable capacity", 0, 0);
    walk_tags(bytes, out);
    return out->problem_count == 0;
}

