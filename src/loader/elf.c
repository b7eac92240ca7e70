/*
 * elf.c: the checks elf.h promises, then the copy.
 *
 * Layouts and numbers from the System V gABI ("ELF Object File Format")
 * and its x86-64 supplement. The file is read in place, through structs:
 * elf.h asks for an 8-byte aligned file, and the checks refuse program
 * headers that are not 8-byte aligned in it; notes are read as 4-byte
 * words. Every offset and size is checked against the file size without
 * an addition that could overflow.
 */
#include "loader/elf.h"

#include <stdbool.h>

#include "arch/x86_64/boot.h"
#include "loader/memory.h"

#define ELF_MAGIC 0x464C457F /* e_ident[0..3] "\177ELF" as a little-endian u32 */
#define ELFCLASS64 2         /* e_ident[EI_CLASS]: 64-bit */
#define ELFDATA2LSB 1        /* e_ident[EI_DATA]: little-endian */
#define ET_EXEC 2            /* e_type: executable at fixed addresses */
#define EM_X86_64 62         /* e_machine */
#define PT_LOAD 1            /* p_type: loadable segment */
#define PT_NOTE 4            /* p_type: notes */
#define NOTE_ALIGN 4         /* note fields, name and descriptor are 4-byte aligned */
#define PHDR_ALIGN 8         /* program headers hold u64 fields */

struct elf64_header {
    uint32_t magic;
    uint8_t class, data, ident_rest[10];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_program_header {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

/* Whether [offset, offset + length) lies inside [0, size). */
static bool inside(uint64_t offset, uint64_t length, uint64_t size)
{
    return offset <= size && length <= size - offset;
}

static const struct elf64_program_header *program_headers(const uint8_t *file)
{
    return (const void *)(file + ((const struct elf64_header *)(const void *)file)->e_phoff);
}

static const char *check_header(const struct elf64_header *eh, size_t size)
{
    if (size < sizeof *eh || eh->magic != ELF_MAGIC)
        return "the kernel file is not ELF (bad magic or too short)";
    if (eh->class != ELFCLASS64 || eh->data != ELFDATA2LSB || eh->e_machine != EM_X86_64 ||
        eh->e_type != ET_EXEC)
        return "the kernel is not an x86-64 ELF64 executable";
    if (eh->e_phentsize != sizeof(struct elf64_program_header) || eh->e_phoff % PHDR_ALIGN ||
        !inside(eh->e_phoff, (uint64_t)eh->e_phnum * eh->e_phentsize, size))
        return "the kernel's program headers are malformed";
    return NULL;
}

static const char *check_segment(const struct elf64_program_header *ph, size_t size,
                                 const struct elf_limits *limits)
{
    if (!inside(ph->p_offset, ph->p_filesz, size))
        return "a PT_LOAD runs past the end of the file";
    if (ph->p_filesz > ph->p_memsz)
        return "a PT_LOAD has p_filesz > p_memsz";
    if (ph->p_vaddr != ph->p_paddr)
        return "a PT_LOAD has p_vaddr != p_paddr";
    if (ph->p_paddr < limits->lowest ||
        !inside(ph->p_paddr - limits->lowest, ph->p_memsz, limits->end - limits->lowest))
        return "a PT_LOAD lies outside the kernel's memory";
    return NULL;
}

/* Looks through the notes of a PT_NOTE segment for the longboot 64-bit
 * entry note (boot.h). Each note: u32 n_namesz, n_descsz, n_type, then
 * name and descriptor, each padded to NOTE_ALIGN. */
static bool find_entry_note(const uint8_t *file, size_t size,
                            const struct elf64_program_header *ph, uint64_t *entry64)
{
    uint64_t at = ph->p_offset, end = ph->p_offset + ph->p_filesz;

    if (!inside(ph->p_offset, ph->p_filesz, size) || at % NOTE_ALIGN)
        return false;
    while (inside(at, 3 * NOTE_ALIGN, end)) {
        const uint32_t *note = (const void *)(file + at);
        uint64_t name_span = ((uint64_t)note[0] + NOTE_ALIGN - 1) / NOTE_ALIGN * NOTE_ALIGN;
        uint64_t desc_span = ((uint64_t)note[1] + NOTE_ALIGN - 1) / NOTE_ALIGN * NOTE_ALIGN;

        at += 3 * NOTE_ALIGN;
        if (!inside(at, name_span, end) || !inside(at + name_span, desc_span, end))
            return false;
        if (note[2] == LONGBOOT_NOTE_ENTRY64 && note[0] == sizeof LONGBOOT_NOTE_NAME &&
            note[1] == sizeof *entry64 &&
            memcmp(file + at, LONGBOOT_NOTE_NAME, sizeof LONGBOOT_NOTE_NAME) == 0) {
            memcpy(entry64, file + at + name_span, sizeof *entry64);
            return true;
        }
        at += name_span + desc_span;
    }
    return false;
}

const char *elf_check(const uint8_t *file, size_t size, const struct elf_limits *limits,
                      uint64_t *entry64)
{
    const struct elf64_header *eh = (const void *)file;
    const char *problem = check_header(eh, size);
    bool have_entry = false;

    if (problem != NULL)
        return problem;
    const struct elf64_program_header *ph = program_headers(file);
    for (uint16_t i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_LOAD) {
            problem = check_segment(&ph[i], size, limits);
            if (problem != NULL)
                return problem;
        } else if (ph[i].p_type == PT_NOTE && !have_entry) {
            have_entry = find_entry_note(file, size, &ph[i], entry64);
        }
    }
    if (!have_entry)
        return "the kernel has no longboot 64-bit entry note";
    for (uint16_t i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_LOAD && *entry64 >= ph[i].p_vaddr &&
            *entry64 - ph[i].p_vaddr < ph[i].p_memsz)
            return NULL;
    }
    return "the 64-bit entry lies in no PT_LOAD";
}

void elf_load(const uint8_t *file, const struct elf_limits *limits, uint8_t *window)
{
    const struct elf64_header *eh = (const void *)file;
    const struct elf64_program_header *ph = program_headers(file);

    for (uint16_t i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD)
            continue;
        uint8_t *memory = window + (ph[i].p_paddr - limits->lowest);
        memcpy(memory, file + ph[i].p_offset, ph[i].p_filesz);
        memset(memory + ph[i].p_filesz, 0, ph[i].p_memsz - ph[i].p_filesz);
    }
}
