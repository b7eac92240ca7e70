; fail32.asm: the loader's end of the road after real mode, and its
; exception handlers.
;
; Mode: fail32 and report_exception are 32-bit code, run in protected mode
; or, reached by a far return from 64-bit code, in compatibility mode;
; exception_stubs runs in either 32-bit or 64-bit mode (see there).
; Receives: fail32: ESI = the middle of a failure sentence (message.inc).
;           The stubs: a CPU exception or NMI, through either IDT that
;           long_mode.asm builds (gate n -> stub n in both).
; Never returns: paints the top row red, writes the sentence there in white
; and on COM1 (set up by stage 1), then halts with interrupts off. A later
; NMI or fault, even while the sentence is being written, only halts
; again, so the first sentence stays on the screen.

%include "x86.inc"
%include "pc.inc"
%include "boot.inc"
%include "message.inc"
%include "com1.inc"
%include "print_string.inc"

global fail32
global exception_stubs
; Shared with real mode: fail16 (stage1.asm) sets the same flag, and the
; real-mode NMI and machine-check handlers (stage1.asm, stage2.asm) give
; the same sentences.
extern failing
global msg_nmi
global msg_exception
global msg_exception.number
extern msg_prefix
extern msg_suffix
extern GDT_CODE32
extern GDT_CODE64

section .text align=1
bits 32

fail32:
        bts word [failing], 0
        jc .halt
        cld
        mov edi, VGA_TEXT_BUFFER
        mov ecx, VGA_TEXT_COLUMNS
        mov ax, (BOOT_FAIL_ATTRIBUTE << 8) | ' '
        rep stosw
        mov edi, VGA_TEXT_BUFFER
        push esi
        mov esi, msg_prefix
        call print32
        pop esi
        call print32
        mov esi, msg_suffix
        call print32
.halt:
        cli
        hlt
        jmp .halt

; Writes the NUL-terminated string at ESI to COM1 and, but for control
; characters, to the screen cells from EDI in the colours of the cell at
; EDI (print_string.inc; print16 in stage1.asm is the 16-bit expansion).
print32:
        mov ah, [edi + 1]
        print_string serial_putc32
        ret

; Sends AL to COM1 (com1.inc). Keeps every register but EDX and the flags.
serial_putc32:
        com1_putc
        ret

; EAX = the vector. The NMI has its own sentence; for the others the
; vector ends msg_exception, in decimal without a leading zero.
report_exception:
        mov esi, msg_nmi
        cmp eax, CPU_EXCEPTION_NMI
        je fail32
        aam                             ; AH = vector / 10, AL = vector % 10
        or ax, '00'
        mov edi, msg_exception.number
        cmp ah, '0'
        je .ones
        mov [edi], ah
        inc edi
.ones:
        mov ah, 0
        mov [edi], ax                   ; the last digit, then the NUL
        mov esi, msg_exception
        jmp fail32

; The stubs serve both IDTs, the 32-bit one and the 64-bit one, because
; every instruction from here to .from_long_mode encodes the same and does
; the same in 32-bit and in 64-bit mode: `push byte` (6A ib) pushes the
; vector (4 or 8 bytes), `jmp short` (EB cb) reaches .common, `pop` (58)
; takes the vector into EAX or RAX, `mov edx, cs` (8C CA) and `cmp dx, imm16`
; (66 81 FA iw) look at the code segment, `je` and `jmp` (0F 84 cd, E9 cd)
; are relative. So each stub is exactly EXCEPTION_STUB_SIZE bytes (2 + 2,
; long_mode.asm), and only after the test does the code differ by mode.
; An error code, which some exceptions push, stays on the stack: nothing
; returns.
exception_stubs:
%assign vector 0
%rep IDT_EXCEPTION_VECTORS
        push byte vector
        jmp short .common
%assign vector vector + 1
%endrep
.common:
        pop eax
        mov edx, cs
        cmp dx, GDT_CODE64
        je .from_long_mode
        jmp report_exception

; A 64-bit handler cannot run the 32-bit report: a far return to it, in
; compatibility mode, with the stack and data segments as they are (flat,
; below 4 GiB).
bits 64
.from_long_mode:
        push GDT_CODE32
        push report_exception
        retfq

section .data align=1
loader_message msg_nmi, "NMI in the loader"
; The "NN" is where report_exception writes the vector.
%define EXCEPTION_HEAD "CPU exception in the loader, vector "
%strcat EXCEPTION EXCEPTION_HEAD, "NN"
%strlen EXCEPTION_NUMBER_AT EXCEPTION_HEAD
loader_message msg_exception, EXCEPTION
msg_exception.number equ msg_exception + EXCEPTION_NUMBER_AT

