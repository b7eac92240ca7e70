; boot_fail.asm: the end of the road for the 32-bit trampoline.
;
; Mode: 32-bit protected mode, paging off (called before long mode).
; Receives: ESI = a NUL-terminated sentence saying what is wrong.
; Never returns: paints the top row of the VGA text screen red, writes the
; sentence there in white and to COM1, then halts with interrupts off.
; A bare `hlt` is not the end: an NMI would resume it, hence the loop.

%include "pc.inc"         ; made from src/arch/x86_64/pc.h by tools/h2inc.sed
%include "boot.inc"       ; made from src/arch/x86_64/boot.h by tools/h2inc.sed
%include "com1.inc"
%include "print_string.inc"

global boot_fail
global boot_failed

section .text
bits 32

boot_fail:
        ; From here on an NMI or machine check must not print over the
        ; sentence: early_idt.asm's handlers then return to the halt.
        mov byte [boot_failed], 1

        ; A red bar across the top row, so the sentence stands out even
        ; over whatever GRUB left on the screen.
        mov edi, VGA_TEXT_BUFFER
        mov ecx, VGA_TEXT_COLUMNS
        mov ax, (BOOT_FAIL_ATTRIBUTE << 8) | ' '
        rep stosw

        ; COM1 at 115200 baud, 8N1 (com1.inc), whatever GRUB left it at.
        com1_init

        ; The sentence on the red row, in white, and on COM1
        ; (print_string.inc); boot32.asm's failure_message makes sure it
        ; fits on the row. COM1 then gets the CR LF that ends its line.
        mov edi, VGA_TEXT_BUFFER
        mov ah, BOOT_FAIL_ATTRIBUTE
        print_string serial_putc
        mov al, 13
        call serial_putc
        mov al, 10
        call serial_putc

.halt:
        cli
        hlt
        jmp .halt

; Sends AL to COM1 (com1.inc). Keeps every register but EDX and the flags.
serial_putc:
        com1_putc
        ret

section .data

; Set once a failure sentence is on screen (boot_fail, early_fault64).
boot_failed: db 0
