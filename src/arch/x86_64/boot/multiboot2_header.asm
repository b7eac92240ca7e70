; multiboot2_header.asm: the Multiboot2 header that lets GRUB find longboot.
;
; Not code: GRUB scans the first 32 KiB of the kernel file, in 8-byte
; steps, for this magic (docs/multiboot2.md §1). linker.ld places the section
; first in the image and asserts both conditions; the Makefile then asks
; `grub-file --is-x86-multiboot2` to confirm. Every length and the
; checksum are computed here from labels, never typed by hand.

%include "multiboot2.inc" ; made from src/arch/x86_64/multiboot2.h by tools/h2inc.sed

; header_tag TYPE, FLAGS ... end_header_tag: one 8-byte-aligned header tag
; whose size field counts from its type to end_header_tag.
%macro header_tag 2
        align MULTIBOOT2_HEADER_ALIGN, db 0
        %push header_tag
%$start:
        dw %1                           ; type
        dw %2                           ; flags
        dd %$end - %$start              ; size, excluding padding
%endmacro

%macro end_header_tag 0
%$end:
        %pop
%endmacro

section .multiboot_header progbits alloc noexec nowrite align=8

multiboot2_header:
        dd MULTIBOOT2_HEADER_MAGIC
        dd MULTIBOOT2_ARCHITECTURE_I386
        dd HEADER_LENGTH
        ; magic + architecture + length + checksum must be 0 mod 2^32.
        dd 0x100000000 - (MULTIBOOT2_HEADER_MAGIC + MULTIBOOT2_ARCHITECTURE_I386 + HEADER_LENGTH)

        ; The boot information kmain reads. Not optional: every Multiboot2
        ; loader knows these types, and GRUB sends them unasked anyway.
        header_tag MULTIBOOT2_HEADER_TAG_INFORMATION_REQUEST, 0
        dd MULTIBOOT2_TAG_TYPE_CMDLINE
        dd MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME
        dd MULTIBOOT2_TAG_TYPE_MODULE
        dd MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO
        dd MULTIBOOT2_TAG_TYPE_MMAP
        end_header_tag

        ; We draw on VGA text (BIOS) and on an RGB framebuffer (UEFI has no
        ; text mode), so offer both. Seeing tag 5, `multiboot2` sets
        ; gfxpayload=auto, a VBE mode on BIOS (0xB8000 dark, docs/multiboot2.md §5),
        ; so grub.cfg sets gfxpayload=text after it on BIOS and loads efi_gop
        ; on UEFI. Size 0x0x0: the firmware's mode. Optional for other loaders.
        header_tag MULTIBOOT2_HEADER_TAG_CONSOLE_FLAGS, 0
        dd MULTIBOOT2_CONSOLE_FLAGS_EGA_TEXT_SUPPORTED
        end_header_tag

        header_tag MULTIBOOT2_HEADER_TAG_FRAMEBUFFER, MULTIBOOT2_HEADER_TAG_OPTIONAL
        dd 0, 0, 0                      ; width, height, depth: no preference
        end_header_tag

        header_tag MULTIBOOT2_HEADER_TAG_END, 0
        end_header_tag
multiboot2_header_end:

HEADER_LENGTH equ multiboot2_header_end - multiboot2_header
