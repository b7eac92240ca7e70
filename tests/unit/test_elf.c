/*
 * test_elf.c: host tests for the loaders' ELF checks and load
 * (src/loader/elf.c).
 *
 * Each test builds a small kernel file with the C library's <elf.h> (an
 * independent statement of the layouts elf.c declares itself): an ELF64
 * header, a text and a data PT_LOAD at 1 MiB, and a PT_NOTE holding the
 * longboot entry note, then breaks one thing. The file is copied into a
 * malloc'd block of exactly its size, so AddressSanitizer catches any
 * read past it, and every phrase returned must fit the loader's sentence.
 */
#include "arch/x86_64/boot.h"
#include "check.h"
#include "loader/elf.h"

#include <elf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MIB 0x100000
#define FILE_BYTES 0x3000
#define TEXT_OFFSET 0x1000      /* the text segment's bytes in the file */
#define TEXT_BYTES 0x800
#define DATA_OFFSET 0x2000
#define DATA_FILE_BYTES 0x100
#define DATA_MEMORY_BYTES 0x1800 /* the rest is .bss */
#define ENTRY (MIB + 0x40)
#define PH_TEXT 0
#define PH_DATA 1
#define PH_NOTE 2

static const struct elf_limits limits = { MIB, 2 * MIB };

struct kernel {
    _Alignas(8) uint8_t bytes[FILE_BYTES]; /* elf.h: the file is 8-byte aligned */
    size_t size;
};

static Elf64_Ehdr *header(struct kernel *k)
{
    return (Elf64_Ehdr *)(void *)k->bytes;
}

static Elf64_Phdr *program_header(struct kernel *k, int i)
{
    return (Elf64_Phdr *)(void *)(k->bytes + header(k)->e_phoff) + i;
}

/* The note: n_namesz, n_descsz, n_type, "longboot\0" padded to 12, entry. */
#define NOTE_OFFSET (sizeof(Elf64_Ehdr) + 3 * sizeof(Elf64_Phdr))
#define NOTE_BYTES (12 + 12 + 8)

static void build_kernel(struct kernel *k)
{
    memset(k, 0, sizeof *k);
    k->size = FILE_BYTES;
    Elf64_Ehdr *eh = header(k);
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = EM_X86_64;
    eh->e_version = EV_CURRENT;
    eh->e_entry = MIB + 0x20;       /* the 32-bit entry, which the checks ignore */
    eh->e_phoff = sizeof *eh;
    eh->e_ehsize = sizeof *eh;
    eh->e_phentsize = sizeof(Elf64_Phdr);
    eh->e_phnum = 3;

    Elf64_Phdr *text = program_header(k, PH_TEXT);
    text->p_type = PT_LOAD;
    text->p_flags = PF_R | PF_X;
    text->p_offset = TEXT_OFFSET;
    text->p_vaddr = text->p_paddr = MIB;
    text->p_filesz = text->p_memsz = TEXT_BYTES;
    Elf64_Phdr *data = program_header(k, PH_DATA);
    data->p_type = PT_LOAD;
    data->p_flags = PF_R | PF_W;
    data->p_offset = DATA_OFFSET;
    data->p_vaddr = data->p_paddr = MIB + 0x10000;
    data->p_filesz = DATA_FILE_BYTES;
    data->p_memsz = DATA_MEMORY_BYTES;
    Elf64_Phdr *note = program_header(k, PH_NOTE);
    note->p_type = PT_NOTE;
    note->p_offset = NOTE_OFFSET;
    note->p_filesz = NOTE_BYTES;

    uint32_t words[3] = { sizeof LONGBOOT_NOTE_NAME, 8, LONGBOOT_NOTE_ENTRY64 };
    uint64_t entry = ENTRY;
    memcpy(k->bytes + NOTE_OFFSET, words, sizeof words);
    memcpy(k->bytes + NOTE_OFFSET + 12, LONGBOOT_NOTE_NAME, sizeof LONGBOOT_NOTE_NAME);
    memcpy(k->bytes + NOTE_OFFSET + 24, &entry, sizeof entry);

    for (size_t i = 0; i < TEXT_BYTES; i++)
        k->bytes[TEXT_OFFSET + i] = (uint8_t)(i * 7 + 1);
    for (size_t i = 0; i < DATA_FILE_BYTES; i++)
        k->bytes[DATA_OFFSET + i] = (uint8_t)(i * 3 + 2);
}

/* Runs elf_check on an exact-size heap copy of the first `size` bytes. */
static const char *check_prefix(const struct kernel *k, size_t size, uint64_t *entry)
{
    uint8_t *copy = malloc(size ? size : 1);
    memcpy(copy, k->bytes, size);
    const char *problem = elf_check(copy, size, &limits, entry);
    free(copy);
    if (problem != NULL)
        CHECK(strlen(problem) <= ELF_PROBLEM_MAX_LENGTH);
    return problem;
}

static const char *check(const struct kernel *k)
{
    uint64_t entry = 0;
    return check_prefix(k, k->size, &entry);
}

TEST(test_elf_accepts_a_kernel_and_finds_its_64_bit_entry_in_the_note)
{
    struct kernel k;
    uint64_t entry = 0;

    build_kernel(&k);
    CHECK(check_prefix(&k, k.size, &entry) == NULL);
    CHECK_EQ_UINT(ENTRY, entry);
}

TEST(test_elf_rejects_a_bad_magic)
{
    struct kernel k;
    build_kernel(&k);
    k.bytes[0] = 0x7E;
    CHECK_EQ_STR("the kernel file is not ELF (bad magic or too short)", check(&k));
}

TEST(test_elf_rejects_a_file_shorter_than_its_header)
{
    struct kernel k;
    build_kernel(&k);
    k.size = sizeof(Elf64_Ehdr) - 1;
    CHECK_EQ_STR("the kernel file is not ELF (bad magic or too short)", check(&k));
}

TEST(test_elf_rejects_32_bit_big_endian_foreign_machine_and_non_executables)
{
    struct kernel k;
    const char *expected = "the kernel is not an x86-64 ELF64 executable";

    build_kernel(&k);
    header(&k)->e_ident[EI_CLASS] = ELFCLASS32;
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    header(&k)->e_ident[EI_DATA] = ELFDATA2MSB;
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    header(&k)->e_machine = EM_386;
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    header(&k)->e_type = ET_DYN;
    CHECK_EQ_STR(expected, check(&k));
}

TEST(test_elf_rejects_program_headers_of_a_wrong_size_misaligned_or_outside_the_file)
{
    struct kernel k;
    const char *expected = "the kernel's program headers are malformed";

    build_kernel(&k);
    header(&k)->e_phentsize = sizeof(Elf64_Phdr) - 8;
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    header(&k)->e_phoff += 4;
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    header(&k)->e_phoff = FILE_BYTES - sizeof(Elf64_Phdr);
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    header(&k)->e_phoff = UINT64_MAX - 7;
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    header(&k)->e_phnum = UINT16_MAX;
    CHECK_EQ_STR(expected, check(&k));
}

TEST(test_elf_rejects_a_segment_past_the_end_of_the_file)
{
    struct kernel k;

    build_kernel(&k);
    k.size = DATA_OFFSET + DATA_FILE_BYTES - 1;
    CHECK_EQ_STR("a PT_LOAD runs past the end of the file", check(&k));
    build_kernel(&k);
    program_header(&k, PH_TEXT)->p_offset = UINT64_MAX - 0x10;
    CHECK_EQ_STR("a PT_LOAD runs past the end of the file", check(&k));
}

TEST(test_elf_rejects_file_size_above_memory_size)
{
    struct kernel k;
    build_kernel(&k);
    program_header(&k, PH_DATA)->p_memsz = DATA_FILE_BYTES - 1;
    CHECK_EQ_STR("a PT_LOAD has p_filesz > p_memsz", check(&k));
}

TEST(test_elf_rejects_a_segment_whose_virtual_and_physical_addresses_differ)
{
    struct kernel k;
    build_kernel(&k);
    program_header(&k, PH_TEXT)->p_vaddr = 0xFFFFFFFF80000000;
    CHECK_EQ_STR("a PT_LOAD has p_vaddr != p_paddr", check(&k));
}

TEST(test_elf_rejects_segments_outside_the_kernel_memory_without_overflowing)
{
    static const uint64_t bad[][2] = {   /* p_paddr, p_memsz */
        { MIB - 0x1000, 0x2000 },        /* starts below 1 MiB */
        { 0x300000, 0x100 },             /* starts above 2 MiB */
        { 2 * MIB - 0x100, 0x200 },      /* ends above 2 MiB */
        { MIB, UINT64_MAX },             /* p_paddr + p_memsz wraps */
        { UINT64_MAX - 0xFF, 0x200 },
        { 0, 0x100 },
    };
    struct kernel k;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        build_kernel(&k);
        Elf64_Phdr *data = program_header(&k, PH_DATA);
        data->p_paddr = data->p_vaddr = bad[i][0];
        data->p_memsz = bad[i][1];
        CHECK_EQ_STR("a PT_LOAD lies outside the kernel's memory", check(&k));
    }
}

TEST(test_elf_accepts_a_segment_that_ends_exactly_at_the_limit)
{
    struct kernel k;
    build_kernel(&k);
    Elf64_Phdr *data = program_header(&k, PH_DATA);
    data->p_memsz = 2 * MIB - data->p_paddr;
    CHECK(check(&k) == NULL);
}

TEST(test_elf_rejects_a_kernel_without_the_entry_note)
{
    struct kernel k;
    const char *expected = "the kernel has no longboot 64-bit entry note";

    build_kernel(&k);
    program_header(&k, PH_NOTE)->p_type = PT_NULL;
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    k.bytes[NOTE_OFFSET + 12] = 'L';                 /* another owner's name */
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    k.bytes[NOTE_OFFSET + 8] = 2;                    /* another type */
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    k.bytes[NOTE_OFFSET + 4] = 4;                    /* a 4-byte descriptor */
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    program_header(&k, PH_NOTE)->p_filesz = NOTE_BYTES - 1; /* descriptor cut */
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    k.bytes[NOTE_OFFSET] = 0xFF;                     /* n_namesz runs past the segment */
    k.bytes[NOTE_OFFSET + 3] = 0xFF;
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    program_header(&k, PH_NOTE)->p_offset = NOTE_OFFSET + 2; /* misaligned */
    CHECK_EQ_STR(expected, check(&k));
    build_kernel(&k);
    program_header(&k, PH_NOTE)->p_offset = FILE_BYTES - 8; /* outside the file */
    CHECK_EQ_STR(expected, check(&k));
}

TEST(test_elf_finds_the_entry_note_after_other_notes)
{
    struct kernel k;
    uint64_t entry = 0;

    build_kernel(&k);
    /* A GNU build-id-like note first, then ours, in a segment at 0x800. */
    static const uint8_t other[] = { 4, 0, 0, 0, 4, 0, 0, 0, 3, 0, 0, 0,
                                     'G', 'N', 'U', 0, 1, 2, 3, 4 };
    memcpy(k.bytes + 0x800, other, sizeof other);
    memcpy(k.bytes + 0x800 + sizeof other, k.bytes + NOTE_OFFSET, NOTE_BYTES);
    program_header(&k, PH_NOTE)->p_offset = 0x800;
    program_header(&k, PH_NOTE)->p_filesz = sizeof other + NOTE_BYTES;
    CHECK(check_prefix(&k, k.size, &entry) == NULL);
    CHECK_EQ_UINT(ENTRY, entry);
}

TEST(test_elf_rejects_an_entry_outside_every_segment)
{
    struct kernel k;
    uint64_t outside = MIB + TEXT_BYTES + 0x100;     /* between text and data */

    build_kernel(&k);
    memcpy(k.bytes + NOTE_OFFSET + 24, &outside, sizeof outside);
    CHECK_EQ_STR("the 64-bit entry lies in no PT_LOAD", check(&k));
}

TEST(test_elf_rejects_every_truncation_of_a_good_kernel)
{
    struct kernel k;
    uint64_t entry;

    build_kernel(&k);
    for (size_t size = 0; size < DATA_OFFSET + DATA_FILE_BYTES; size++)
        CHECK(check_prefix(&k, size, &entry) != NULL);
    CHECK(check_prefix(&k, DATA_OFFSET + DATA_FILE_BYTES, &entry) == NULL);
}

TEST(test_elf_load_copies_file_bytes_and_zeroes_bss)
{
    struct kernel k;
    uint64_t entry;
    uint8_t *memory = malloc(MIB);

    build_kernel(&k);
    CHECK(check_prefix(&k, k.size, &entry) == NULL);
    memset(memory, 0xAA, MIB);
    elf_load(k.bytes, &limits, memory);
    CHECK(memcmp(memory, k.bytes + TEXT_OFFSET, TEXT_BYTES) == 0);
    CHECK_EQ_UINT(0xAA, memory[TEXT_BYTES]);          /* nothing past p_memsz */
    CHECK(memcmp(memory + 0x10000, k.bytes + DATA_OFFSET, DATA_FILE_BYTES) == 0);
    bool bss_zero = true;
    for (size_t i = 0x10000 + DATA_FILE_BYTES; i < 0x10000 + DATA_MEMORY_BYTES; i++)
        bss_zero = bss_zero && memory[i] == 0;
    CHECK(bss_zero);
    CHECK_EQ_UINT(0xAA, memory[0x10000 + DATA_MEMORY_BYTES]);
    free(memory);
}
