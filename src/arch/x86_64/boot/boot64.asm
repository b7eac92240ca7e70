; boot64.asm: our GDT, the far jump into 64-bit code, and the call to kmain.
;
; Two ways in, one way on:
;   enter_long_mode, from `start` (boot32.asm, after GRUB), runs in
;     compatibility mode: 32-bit code with long mode already active;
;   start64, from a loader that has entered long mode itself (our BIOS
;     loader, which finds it through entry_note.asm), runs in 64-bit mode on
;     the loader's identity-mapped page tables and GDT.
; Both reach long_mode_start, in 64-bit mode on our GDT and early IDT.
; Receives: EDI = Multiboot2 magic, ESI = boot information physical address.
; Hands on: kmain(uint32_t magic, uint64_t mbi_phys) per the System V ABI,
;           RSP 16-byte aligned at the call; halts if kmain returns.

%include "x86.inc"        ; made from src/arch/x86_64/x86.h by tools/h2inc.sed
%include "boot.inc"       ; made from src/arch/x86_64/boot.h by tools/h2inc.sed
%include "multiboot2.inc" ; made from src/arch/x86_64/multiboot2.h by tools/h2inc.sed
%include "pc.inc"         ; made from src/arch/x86_64/pc.h by tools/h2inc.sed
%include "failure_message.inc"
%include "data_segments.inc"
%include "cpu_checks.inc"

; The symbols this file shares with C are declared in asm_symbols.h.
global enter_long_mode
global start64
global gdt64_tss
global gdt64_pointer
extern boot_stack_top
extern early_fail
extern early_idt64_pointer
extern kmain

section .text
bits 32

; Our GDT is loaded since `start`. CS is only reloaded by
; a far jump; jumping to a descriptor with L=1 is what leaves
; compatibility mode for 64-bit mode.
enter_long_mode:
        jmp GDT_CODE64_SELECTOR:long_mode_start

bits 64

; For a loader that entered long mode itself (boot.h gives the contract):
; our stack, our GDT, then our 64-bit early IDT (early_idt.asm), which
; stays until the kernel's own. The loader's IDT stays valid across the
; LGDT because its gates name GDT_CODE64_SELECTOR too, which is 64-bit
; code in both tables (src/loader/bios/long_mode.asm keeps it so). A far
; return is the 64-bit way to reload CS: it pops RIP, then CS. CR4.MCE is
; turned on where CPUID has it, as `start` does, since the kernel reports
; machine checks. EDI and ESI (magic, boot information) are kept for
; kmain, once EDI is known to hold the Multiboot2 magic: the boot
; information is only read from a loader that says it wrote one.
start64:
        mov rsp, boot_stack_top
        lgdt [gdt64.pointer]
        lidt [early_idt64_pointer]
        push GDT_CODE64_SELECTOR
        push .reloaded
        retfq
.reloaded:
        machine_check_cr4_bits
        mov rdx, cr4
        or rax, rdx
        mov cr4, rax
        cmp edi, MULTIBOOT2_BOOTLOADER_MAGIC
        jne .not_multiboot2
        jmp long_mode_start
.not_multiboot2:
        mov edi, msg_start64_not_multiboot2
        mov esi, msg_start64_not_multiboot2.end - msg_start64_not_multiboot2 - 1
        call early_fail

; Data segments are reloaded from our GDT (base and limit are ignored in
; 64-bit mode, but a loader's stale selectors must not linger). The
; stack top is 16-byte aligned, so RSP % 16 == 0 at the call, as the ABI
; wants. Writing a 32-bit register zero-extends into the 64-bit one, which
; turns EDI/ESI into kmain's two arguments.
long_mode_start:
        load_data_segments
        mov rsp, boot_stack_top
        cld
        mov edi, edi
        mov esi, esi
        call kmain
.halt:
        cli
        hlt
        jmp .halt

section .rodata
failure_message msg_start64_not_multiboot2, "longboot: start64 entered without the Multiboot2 magic in EDI; halting."
.end:

section .data

; One GDT from `start` on. Long mode ignores base and limit; what matters
; there is present, code/data, executable and, for code, L=1 with D=0
; (SDM Vol. 3A, 3.4.5). The data segment is also flat 4 GiB with B=1, and
; a 32-bit code segment follows the TSS slot, so that the trampoline and
; its early IDT (early_idt.asm) run on this table in protected mode too.
; The accessed bits are preset so loading a segment never writes here.
; The table is still writable data: the TSS descriptor is 16 bytes whose
; base is split across fields, so tss.c fills it in, and LTR then marks
; it busy. Each slot sits at the selector boot.h names (checked below).
align 8
gdt64:
        dq 0                                                    ; null descriptor
.code:  dq SEGMENT_PRESENT | SEGMENT_CODE_DATA | SEGMENT_EXECUTABLE | SEGMENT_READ_WRITE | SEGMENT_ACCESSED | SEGMENT_LONG_MODE
.data:  dq SEGMENT_PRESENT | SEGMENT_CODE_DATA | SEGMENT_READ_WRITE | SEGMENT_ACCESSED | SEGMENT_GRANULARITY_4K | SEGMENT_LIMIT_MAX | SEGMENT_DEFAULT_32
.tss:   dq 0, 0                                                 ; 64-bit TSS descriptor, from tss.c
.code32: dq SEGMENT_PRESENT | SEGMENT_CODE_DATA | SEGMENT_EXECUTABLE | SEGMENT_READ_WRITE | SEGMENT_ACCESSED | SEGMENT_GRANULARITY_4K | SEGMENT_LIMIT_MAX | SEGMENT_DEFAULT_32
.end:
.pointer:
        dw gdt64.end - gdt64 - 1                                ; limit: size - 1
        dq gdt64                                                ; base

; at_selector LABEL, SELECTOR: fails the build unless the descriptor at
; LABEL is the one SELECTOR names (a negative TIMES count is an error, and
; an equal pair emits nothing).
%macro at_selector 2
        times (%1 - gdt64) - %2 db 0
        times %2 - (%1 - gdt64) db 0
%endmacro
at_selector gdt64.code, GDT_CODE64_SELECTOR
at_selector gdt64.data, GDT_DATA_SELECTOR
at_selector gdt64.tss, GDT_TSS_SELECTOR
at_selector gdt64.code32, GDT_CODE32_SELECTOR

gdt64_tss equ gdt64.tss
gdt64_pointer equ gdt64.pointer
