/*
 * mbi_writer.c: the tags mbi_writer.h promises, with the field layouts of
 * docs/multiboot2.md §3 (GRUB 2.06's widths, which the kernel's parser
 * expects; kernel/bootinfo/mbi_layout.h names them).
 */
#include "loader/mbi_writer.h"

#include "arch/x86_64/multiboot2.h"
#include "kernel/bootinfo/mbi_layout.h"
#include "loader/memory.h"

#define KIB 1024
#define LOW_MEMORY_END 0x100000     /* mem_upper counts from 1 MiB */
#define MEM_LOWER_MAX_KIB 640       /* conventional memory ends at 640 KiB */
#define MBI_HEAD_SIZE 8             /* a tag's type and size; also the MBI's fixed part */

_Static_assert(sizeof(struct memory_range) == sizeof(struct mbi_mmap_entry) &&
               offsetof(struct memory_range, type) == offsetof(struct mbi_mmap_entry, type),
               "a memory_range is a Multiboot2 memory map entry");

_Static_assert(sizeof(struct mbi_fixed_part) == 8, "MBI_WRITER skips the fixed part");

void *mbi_tag(struct mbi_writer *mbi, uint32_t type, size_t size)
{
    uint32_t *head = (void *)(mbi->bytes + mbi->used);

    head[0] = type;
    head[1] = (uint32_t)(MBI_HEAD_SIZE + size);
    mbi->used += MBI_TAG_SPACE(size);
    return head + 2;
}

void mbi_string_tag(struct mbi_writer *mbi, uint32_t type, const char *text, size_t length)
{
    memcpy(mbi_tag(mbi, type, length + 1), text, length);
}

void mbi_basic_memory_tag(struct mbi_writer *mbi, const struct memory_range *map, uint32_t count)
{
    uint64_t lower = 0, upper = 0;

    for (uint32_t i = 0; i < count; i++) {
        const struct memory_range *r = &map[i];
        if (r->type != MULTIBOOT2_MEMORY_AVAILABLE)
            continue;
        if (r->base == 0)
            lower = r->length;
        if (r->base <= LOW_MEMORY_END && r->length > LOW_MEMORY_END - r->base)
            upper = r->base + r->length - LOW_MEMORY_END;
    }
    if (lower > MEM_LOWER_MAX_KIB * KIB)
        lower = MEM_LOWER_MAX_KIB * KIB;
    if (upper / KIB > UINT32_MAX)
        upper = (uint64_t)UINT32_MAX * KIB;
    uint32_t *body = mbi_tag(mbi, MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO, 8);
    body[0] = (uint32_t)(lower / KIB);  /* mem_lower */
    body[1] = (uint32_t)(upper / KIB);  /* mem_upper */
}

void mbi_memory_map_tag(struct mbi_writer *mbi, const struct memory_range *map, uint32_t count)
{
    uint32_t *body = mbi_tag(mbi, MULTIBOOT2_TAG_TYPE_MMAP,
                             8 + (size_t)count * sizeof(struct memory_range));

    struct memory_range *entries = (void *)(body + 2);

    body[0] = sizeof(struct memory_range);  /* entry_size; entry_version stays 0 */
    for (uint32_t i = 0; i < count; i++) {
        entries[i] = map[i];
        entries[i].reserved = 0;
    }
}

size_t mbi_finish(struct mbi_writer *mbi)
{
    mbi_tag(mbi, MULTIBOOT2_TAG_TYPE_END, 0);
    *(uint32_t *)(void *)mbi->bytes = (uint32_t)mbi->used;  /* total_size; reserved stays 0 */
    return mbi->used;
}
