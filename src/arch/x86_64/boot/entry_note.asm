; entry_note.asm: the ELF note that names the kernel's 64-bit entry.
;
; Not code. A loader that enters long mode itself (src/loader/bios/) reads
; this note through the kernel file's PT_NOTE program header and jumps to
; the address in it, start64 (boot64.asm), instead of the 32-bit `start`
; that GRUB uses; so the address is never typed into the loader. boot.h
; describes the note and the state start64 expects. linker.ld keeps the
; section inside the code segment, right after the Multiboot2 header.
;
; ELF note layout (System V gABI, "Note Section"): u32 n_namesz, u32
; n_descsz, u32 n_type, then the name and the descriptor, each padded to
; 4 bytes.

%include "boot.inc"

extern start64

section .note.longboot note alloc noexec nowrite align=4

longboot_entry_note:
        dd .name_end - .name            ; n_namesz, NUL included
        dd .desc_end - .desc            ; n_descsz
        dd LONGBOOT_NOTE_ENTRY64        ; n_type
.name:  db LONGBOOT_NOTE_NAME, 0
.name_end:
        align 4, db 0
.desc:  dq start64
.desc_end:
