; boot_fail.asm: the end of the road for the 32-bit trampoline.
;
; Mode: 32-bit protected mode, paging off (called before long mode).
; Receives: ESI = a NUL-terminated sentence saying what is wrong.
; Never returns: paints the top row of the VGA text screen red, writes the
; sentence there in white and to COM1, then halts with interrupts off.
; A bare `hlt` is not the end: an NMI would resume it, hence the loop.

%include "pc.inc"         ; made from src/arch/x86_64/pc.h by tools/h2inc.sed
%include "boot.inc"       ; made from src/arch/x86_64/boot.h by tools/h2inc.sed

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

        call serial_init

        ; Each byte goes to the next screen cell and to COM1. boot32.asm's
        ; failure_message makes sure the sentence fits on the top row.
        mov edi, VGA_TEXT_BUFFER
.next_char:
        lodsb
        test al, al
        jz .done
        mov ah, BOOT_FAIL_ATTRIBUTE
        stosw
        call serial_putc
        jmp .next_char
.done:
        mov al, 13
        call serial_putc
        mov al, 10
        call serial_putc

.halt:
        cli
        hlt
        jmp .halt

; COM1 at 115200 baud, 8N1, FIFOs on, its interrupts off.
serial_init:
        mov dx, COM1_PORT + UART_INTERRUPT_ENABLE
        mov al, 0
        out dx, al
        mov dx, COM1_PORT + UART_LINE_CONTROL
        mov al, UART_LCR_DLAB
        out dx, al
        mov dx, COM1_PORT + UART_DIVISOR_LOW
        mov al, UART_DIVISOR_115200 & 0xFF
        out dx, al
        mov dx, COM1_PORT + UART_DIVISOR_HIGH
        mov al, UART_DIVISOR_115200 >> 8
        out dx, al
        mov dx, COM1_PORT + UART_LINE_CONTROL
        mov al, UART_LCR_8N1
        out dx, al
        mov dx, COM1_PORT + UART_FIFO_CONTROL
        mov al, UART_FCR_ENABLE_CLEAR
        out dx, al
        mov dx, COM1_PORT + UART_MODEM_CONTROL
        mov al, UART_MCR_DTR_RTS
        out dx, al
        ret

; Sends AL to COM1 once the transmitter is free. The wait is bounded, so a
; machine without a UART still reaches the halt. Keeps every register but
; EDX and the flags.
serial_putc:
        push ecx
        push eax
        mov dx, COM1_PORT + UART_LINE_STATUS
        mov ecx, UART_TRANSMIT_SPINS
.wait:
        in al, dx
        test al, UART_LSR_THR_EMPTY
        jnz .send
        loop .wait
.send:
        pop eax
        mov dx, COM1_PORT + UART_DATA
        out dx, al
        pop ecx
        ret

section .data

; Set once a failure sentence is on screen (boot_fail, early_fault64).
boot_failed: db 0
