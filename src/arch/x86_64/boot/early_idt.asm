; early_idt.asm: IDTs of our own from the first steps of `start` until
; the kernel loads its full one (exception_init), so that an NMI, a
; machine check or any CPU exception on the way is a sentence and a halt,
; never a triple fault and a reset.
;
; Whatever the loader left in IDTR cannot be trusted: GRUB on BIOS leaves
; base 0 limit 0, and on UEFI the firmware's 64-bit IDT, useless in
; protected mode (docs/multiboot2.md §2). Two tables, since gates differ
; by mode:
;   early_idt32 - 8-byte gates to 32-bit stubs, loaded by `start` while
;                 the CPU is in protected mode;
;   early_idt64 - 16-byte gates to 64-bit stubs, loaded just before
;                 CR0.PG turns long mode on (an interrupt then already
;                 uses long-mode gates, even in compatibility mode) and
;                 again by start64 for loaders that enter long mode.
; Both cover the 32 exception vectors; an INT n beyond them cannot happen
; (the boot code raises none, and interrupts are off) and would meet the
; IDT limit as a #GP, which is covered.
;
; Mode: install_early_idt32 and install_early_idt64 run in protected mode
; (paging off), install_early_idt64_long in 64-bit mode; each clobbers
; EAX, ECX and EDI only. The stubs halt with a sentence; once a sentence
; is on screen, boot_failed is set and a later NMI or machine check just
; returns to the halt loop instead of printing over it.

%include "x86.inc"        ; made from src/arch/x86_64/x86.h by tools/h2inc.sed
%include "pc.inc"         ; made from src/arch/x86_64/pc.h by tools/h2inc.sed
%include "boot.inc"       ; made from src/arch/x86_64/boot.h by tools/h2inc.sed
%include "failure_message.inc"

; The symbols this file shares with C are declared in asm_symbols.h.
global install_early_idt32
global install_early_idt64
global install_early_idt64_long
extern boot_fail
extern boot_failed
extern early_fault
extern gdt64_pointer

STUB_SIZE  equ 8                ; each stub padded to this, so stub v = stubs + v * STUB_SIZE

; early_stubs NAME, HANDLER: one stub per exception vector, each pushing
; its vector and jumping to HANDLER. An exception that pushes an error
; code leaves it below; the handlers never return from those. The build
; fails should a stub outgrow STUB_SIZE (a negative TIMES count is an
; error; the right size emits nothing).
%macro early_stubs 2
align STUB_SIZE
%1:
%assign vector 0
%rep IDT_EXCEPTION_VECTORS
        push vector
        jmp %2
        align STUB_SIZE, db 0xCC
%assign vector vector + 1
%endrep
        times STUB_SIZE * IDT_EXCEPTION_VECTORS - ($ - %1) db 0
        times ($ - %1) - STUB_SIZE * IDT_EXCEPTION_VECTORS db 0
%endmacro

; fill_gates TABLE, STUBS, GATE_SIZE, SELECTOR: writes one interrupt gate
; per exception vector. The same instructions assemble for protected and
; for 64-bit mode: they use 32-bit registers and addresses only, and the
; kernel lies below 4 GiB, so a 64-bit gate's upper offset stays zero
; (the table lives in .bss, which GRUB and our loader zero, and is
; written whole here all the same).
%macro fill_gates 4
        mov edi, %1
        mov eax, %2
        mov ecx, IDT_EXCEPTION_VECTORS
%%next_gate:
        mov [edi + IDT_GATE_OFFSET_LOW], ax
        mov word [edi + IDT_GATE_SELECTOR], %4
        mov byte [edi + IDT_GATE_IST], 0
        mov byte [edi + IDT_GATE_TYPE], IDT_GATE_PRESENT | IDT_GATE_INTERRUPT
        ror eax, 16
        mov [edi + IDT_GATE_OFFSET_MIDDLE], ax
        ror eax, 16
%if %3 == IDT_GATE64_SIZE
        mov dword [edi + IDT_GATE_OFFSET_HIGH], 0
        mov dword [edi + IDT_GATE_OFFSET_HIGH + 4], 0
%endif
        add eax, STUB_SIZE
        add edi, %3
        dec ecx
        jnz %%next_gate
%endmacro

section .text
bits 32

; Loads our GDT and reloads every segment register from it (GRUB's GDT
; may lie in memory the kernel reuses), then the 32-bit early IDT. Needs
; a stack; keeps EBX, ESI and EBP.
install_early_idt32:
        lgdt [gdt64_pointer]
        jmp GDT_CODE32_SELECTOR:.reload_data_segments
.reload_data_segments:
        mov ax, GDT_DATA_SELECTOR
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        mov ss, ax
        fill_gates early_idt32, early_stubs32, IDT_GATE32_SIZE, GDT_CODE32_SELECTOR
        lidt [early_idt32.pointer]
        ret

; Loads the 64-bit early IDT while still in protected mode: LIDT takes a
; 32-bit base here, which long mode then reads zero-extended.
install_early_idt64:
        fill_gates early_idt64, early_stubs64, IDT_GATE64_SIZE, GDT_CODE64_SELECTOR
        lidt [early_idt64.pointer]
        ret

; The end of the road in protected mode: "NMI" or "CPU exception N" and a
; halt through boot_fail, unless a sentence is already on screen.
early_stubs early_stubs32, early_fault32
early_fault32:
        cmp byte [boot_failed], 0
        jne .resume_halt
        pop eax
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
        add esp, 4                      ; the vector; NMI and #MC push no error code
        iretd

bits 64

; start64's copy of install_early_idt64: the same gates, built in 64-bit
; mode, for a loader that never ran our protected-mode code.
install_early_idt64_long:
        fill_gates early_idt64, early_stubs64, IDT_GATE64_SIZE, GDT_CODE64_SELECTOR
        lidt [early_idt64.pointer]
        ret

; The end of the road in long mode, before the kernel's IDT: early_fault
; (early_fault.c) says it on screen and COM1 and halts.
early_stubs early_stubs64, early_fault64
early_fault64:
        cmp byte [boot_failed], 0
        jne .resume_halt
        pop rdi                         ; early_fault(vector)
        and rsp, -BOOT_STACK_ALIGN
        call early_fault
.resume_halt:
        add rsp, 8
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
early_idt32.pointer:
        dw IDT_EXCEPTION_VECTORS * IDT_GATE32_SIZE - 1  ; limit: size - 1
        dq early_idt32                                  ; base; protected mode reads 4 bytes
early_idt64.pointer:
        dw IDT_EXCEPTION_VECTORS * IDT_GATE64_SIZE - 1
        dq early_idt64

section .bss
alignb 16
early_idt32: resb IDT_EXCEPTION_VECTORS * IDT_GATE32_SIZE
early_idt64: resb IDT_EXCEPTION_VECTORS * IDT_GATE64_SIZE
