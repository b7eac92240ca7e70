; early_idt.asm: IDTs of our own from the first instructions of `start`
; until the kernel loads its full one (exception_init), so that an NMI, a
; machine check or any CPU exception on the way is a sentence and a halt,
; never a triple fault and a reset.
;
; Whatever the loader left in IDTR cannot be trusted: GRUB on BIOS leaves
; base 0 limit 0, and on UEFI the firmware's 64-bit IDT, useless in
; protected mode (docs/multiboot2.md §2). Two tables, since gates differ
; by mode:
;   early_idt32 - 8-byte gates to 32-bit stubs, loaded by `start`'s
;                 second instruction, right after our GDT;
;   early_idt64 - 16-byte gates to 64-bit stubs, loaded just before
;                 CR0.PG turns long mode on (an interrupt then already
;                 uses long-mode gates, even in compatibility mode) and
;                 again by start64 for loaders that enter long mode.
; Both cover the 32 exception vectors; an INT n beyond them cannot happen
; (the boot code raises none, and interrupts are off) and would meet the
; IDT limit as a #GP, which is covered.
;
; The tables are whole in the image, nothing is filled in at run time:
; that is what lets `start` load them before it has a stack or has run a
; single check. A gate splits its handler's address into 16-bit halves,
; which the assembler cannot take of an address only the linker knows, so
; linker.ld defines the halves of each stub block (early_stubs32_low and
; friends); a block is aligned so that no stub's low half carries.
;
; The stubs pass their vector in AL and push nothing: the first NMI may
; come before `start` has a stack, when ESP is whatever the loader left
; (the CPU's own pushes then land wherever that is; without paging they
; cannot fault). Both handlers set our stack before they speak. Once
; a sentence is on screen, boot_failed is set and a later NMI or machine
; check just returns to the halt loop instead of printing over it.

%include "x86.inc"        ; made from src/arch/x86_64/x86.h by tools/h2inc.sed
%include "pc.inc"         ; made from src/arch/x86_64/pc.h by tools/h2inc.sed
%include "boot.inc"       ; made from src/arch/x86_64/boot.h by tools/h2inc.sed
%include "failure_message.inc"

; The symbols this file shares with C and the linker script are declared
; in asm_symbols.h.
global early_idt32_pointer
global early_idt64_pointer
global early_stubs32
global early_stubs64
extern boot_fail
extern boot_failed
extern boot_stack_top
extern early_fault
extern early_stubs32_low
extern early_stubs32_high
extern early_stubs64_low
extern early_stubs64_high

; early_stubs NAME, HANDLER: one stub per exception vector, each putting
; its vector in AL and jumping to HANDLER. An exception that pushes an
; error code leaves it on the stack; the handlers never return from
; those. The build fails should a stub outgrow EARLY_STUB_SIZE (a negative
; TIMES count is an error; the right size emits nothing).
%macro early_stubs 2
align EARLY_STUBS_ALIGN
%1:
%assign vector 0
%rep IDT_EXCEPTION_VECTORS
        mov al, vector
        jmp near %2
        align EARLY_STUB_SIZE, db 0xCC
%assign vector vector + 1
%endrep
        times EARLY_STUB_SIZE * IDT_EXCEPTION_VECTORS - ($ - %1) db 0
        times ($ - %1) - EARLY_STUB_SIZE * IDT_EXCEPTION_VECTORS db 0
%endmacro

; early_gates LOW, HIGH, SELECTOR, SIZE: one interrupt gate per exception
; vector (SDM Vol. 3A, 6.11 and 6.14.1), gate v pointing at stub v, whose
; address is the block's HIGH:LOW halves plus v * EARLY_STUB_SIZE. A
; 64-bit gate's upper offset is zero: the kernel lies below 4 GiB.
%macro early_gates 4
%assign vector 0
%rep IDT_EXCEPTION_VECTORS
        dw %1 + vector * EARLY_STUB_SIZE                ; IDT_GATE_OFFSET_LOW
        dw %3                                           ; IDT_GATE_SELECTOR
        db 0                                            ; IDT_GATE_IST
        db IDT_GATE_PRESENT | IDT_GATE_INTERRUPT        ; IDT_GATE_TYPE
        dw %2                                           ; IDT_GATE_OFFSET_MIDDLE
%if %4 == IDT_GATE64_SIZE
        dd 0, 0                                         ; IDT_GATE_OFFSET_HIGH, reserved
%endif
%assign vector vector + 1
%endrep
%endmacro

section .text
bits 32

; The end of the road in protected mode: "NMI" or "CPU exception N" and a
; halt through boot_fail, unless a sentence is already on screen.
early_stubs early_stubs32, early_fault32
early_fault32:
        cmp byte [boot_failed], 0
        jne .resume_halt
        mov esp, boot_stack_top
        movzx eax, al
        mov esi, msg_early_nmi
        cmp eax, CPU_EXCEPTION_NMI
        je .say_it
        mov cl, 10                      ; two decimal digits: vectors are below 32
        div cl
        add ax, '00'
        mov [msg_early_exception.number], ax
        mov esi, msg_early_exception
.say_it:
        jmp boot_fail
.resume_halt:
        iretd                           ; NMI and #MC push no error code

bits 64

; The end of the road in long mode, before the kernel's IDT: early_fault
; (early_fault.c) says it on screen and COM1 and halts.
early_stubs early_stubs64, early_fault64
early_fault64:
        cmp byte [boot_failed], 0
        jne .resume_halt
        mov rsp, boot_stack_top         ; 16-byte aligned, as the call wants
        movzx edi, al                   ; early_fault(vector)
        call early_fault
.resume_halt:
        iretq

section .data

; The sentence for an exception, its two digits written in by
; early_fault32 (and spelt the same by early_fault.c).
msg_early_exception:
        db "longboot: CPU exception "
.number:
        db "00 during early boot; halting.", 0

section .rodata
failure_message msg_early_nmi, "longboot: NMI during early boot; halting."

align 8
early_idt32_pointer:
        dw early_idt32.end - early_idt32 - 1            ; limit: size - 1
        dq early_idt32                                  ; base; protected mode reads 4 bytes
early_idt64_pointer:
        dw early_idt64.end - early_idt64 - 1
        dq early_idt64

align IDT_GATE64_SIZE
early_idt32:
        early_gates early_stubs32_low, early_stubs32_high, GDT_CODE32_SELECTOR, IDT_GATE32_SIZE
.end:
early_idt64:
        early_gates early_stubs64_low, early_stubs64_high, GDT_CODE64_SELECTOR, IDT_GATE64_SIZE
.end:
