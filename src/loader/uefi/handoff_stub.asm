; handoff_stub.asm: the UEFI loader's last steps, from the firmware's world into
; the kernel's 64-bit entry.
;
; Mode: 64-bit, interrupts off, boot services ended. handoff.c copies the
; bytes from handoff_start to handoff_end into a page below 4 GiB and
; calls the copy, so the code is position-independent (RIP-relative) and
; still runs after CR3 changes: the loader itself may sit above 4 GiB,
; where our page tables map nothing.
; Receives (Microsoft x64 calling convention, as UEFI calls):
;   RCX = our PML4 (0-4 GiB identity-mapped), RDX = the kernel's 64-bit
;   entry (start64), R8 = the boot information, R9 = the stack top in the
;   copy's page; all below 4 GiB.
; Hands on: the state boot.h promises start64: 64-bit mode on our page
;   tables and GDT, CR0.WP on, CR4 = PAE alone (as the BIOS loader and the
;   trampoline leave it), EFER.NXE exactly where CPUID has NX, interrupts
;   off, EDI = Multiboot2 boot-loader magic, ESI = the boot information.

%include "x86.inc"
%include "boot.inc"
%include "multiboot2.inc"

global handoff_start
global handoff_end

default rel
section .text
bits 64

handoff_start:
        cli
        mov rsp, r9
        mov r10, rdx                    ; CPUID and RDMSR take RDX

        ; Our page tables first: this page is below 4 GiB, so the next
        ; instruction is found at the same address. Then CR4 written whole,
        ; which leaves nothing of the firmware's (PGE, OSFXSR...) but PAE,
        ; which long mode needs; and write protection in ring 0 too.
        mov cr3, rcx
        mov eax, CR4_PAE
        mov cr4, rax
        mov rax, cr0
        or eax, CR0_WP
        mov cr0, rax

        ; EFER.NXE set exactly where CPUID reports NX, as the kernel's
        ; self-checks expect of every loader; the firmware may have set it.
        mov eax, CPUID_LEAF_EXTENDED_FEATURES
        cpuid
        mov r11d, edx
        mov ecx, MSR_EFER
        rdmsr
        and eax, ~EFER_NXE
        test r11d, CPUID_EXTENDED_EDX_NX
        jz .nx_done
        or eax, EFER_NXE
.nx_done:
        wrmsr

        ; Our GDT, from this copy: the LGDT operand (a 16-bit limit, then
        ; the 64-bit base) is built on the stack. A far return is the
        ; 64-bit way to reload CS: it pops RIP, then CS.
        lea rax, [gdt]
        push rax
        push word gdt.end - gdt - 1
        lgdt [rsp]
        add rsp, 10
        push GDT_CODE64_SELECTOR
        lea rax, [.reloaded]
        push rax
        retfq
.reloaded:
        mov eax, GDT_DATA_SELECTOR
        mov ds, eax
        mov es, eax
        mov fs, eax
        mov gs, eax
        mov ss, eax

        mov edi, MULTIBOOT2_BOOTLOADER_MAGIC
        mov esi, r8d
        jmp r10

; The kernel's selectors (boot.h): a 64-bit code segment (L=1, D=0) and a
; flat 4 GiB data segment, accessed bits preset so loading never writes here.
align 8
gdt:
        dq 0                                                    ; null descriptor
.code64: dq SEGMENT_PRESENT | SEGMENT_CODE_DATA | SEGMENT_EXECUTABLE | SEGMENT_READ_WRITE | SEGMENT_ACCESSED | SEGMENT_LONG_MODE
.data:   dq SEGMENT_PRESENT | SEGMENT_CODE_DATA | SEGMENT_READ_WRITE | SEGMENT_ACCESSED | SEGMENT_DEFAULT_32 | SEGMENT_GRANULARITY_4K | SEGMENT_LIMIT_MAX
.end:
handoff_end:

; A negative TIMES count fails the build; the right selectors emit nothing.
        times (gdt.code64 - gdt) - GDT_CODE64_SELECTOR db 0
        times GDT_CODE64_SELECTOR - (gdt.code64 - gdt) db 0
        times (gdt.data - gdt) - GDT_DATA_SELECTOR db 0
        times GDT_DATA_SELECTOR - (gdt.data - gdt) db 0
