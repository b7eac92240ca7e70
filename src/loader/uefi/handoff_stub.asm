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
;   tables and GDT, CR0.WP on, CR4 = PAE, and MCE where CPUID has it (as
;   the BIOS loader and the trampoline leave it), EFER.NXE exactly where
;   CPUID has NX, interrupts off, EDI = Multiboot2 boot-loader magic,
;   ESI = the boot information.
;
; From its first steps the copy has an IDT of its own: the firmware's may
; lie above 4 GiB, where our page tables map nothing, so an NMI or a
; machine check after the switch would meet an unmapped table and reset
; the machine. Its gates all lead to handoff_fault, which says so on COM1
; and on the screen and halts; the kernel's start64 replaces the IDT at
; once. The stub cannot draw text (the framebuffer console is the
; loader's C, which may lie above 4 GiB too), so the C drew the sentence
; in advance (console.h: struct drawn_sentence) and handoff.c wrote where
; into handoff_fault_sentence: the stub only copies bytes.

%include "x86.inc"
%include "pc.inc"
%include "boot.inc"
%include "multiboot2.inc"
%include "com1.inc"
%include "cpu_checks.inc"

IDT_BYTES equ IDT_EXCEPTION_VECTORS * IDT_GATE64_SIZE
; struct drawn_sentence (console.h), field by field.
DRAWN_TEXT equ 0                        ; the sentence for COM1, NUL-terminated
DRAWN_PIXELS equ 8                      ; the framebuffer bytes showing it
DRAWN_SCREEN equ 16                     ; where they go: the framebuffer's first byte
DRAWN_BYTES equ 24                      ; how many; 0 without a screen
DRAWN_SENTENCE_BYTES equ 32
STACK_BYTES equ 256                    ; below the IDT: the pushes here and in com1_putc take < 64
DESCRIPTOR_POINTER_BYTES equ 10        ; LGDT/LIDT operand: a 16-bit limit, a 64-bit base

global handoff_start
global handoff_fault_sentence
global handoff_end

default rel
section .text
bits 64

handoff_start:
        cli
        mov rsp, r9
        mov r9, rcx                     ; the gate loop counts in RCX
        mov r10, rdx                    ; CPUID and RDMSR take RDX

        ; The IDT's gates, on the stack since this copy's address is known
        ; only now: each an interrupt gate (SDM Vol. 3A, 6.14.1) to
        ; handoff_fault through our GDT's 64-bit code segment; the copy
        ; lies below 4 GiB, so the upper offset is 0.
        sub rsp, IDT_BYTES
        mov rdi, rsp
        lea rax, [handoff_fault]
        mov ecx, IDT_EXCEPTION_VECTORS
.next_gate:
        mov [rdi + IDT_GATE_OFFSET_LOW], ax
        mov word [rdi + IDT_GATE_SELECTOR], GDT_CODE64_SELECTOR
        mov byte [rdi + IDT_GATE_IST], 0
        mov byte [rdi + IDT_GATE_TYPE], IDT_GATE_PRESENT | IDT_GATE_INTERRUPT
        ror eax, IDT_GATE_OFFSET_HALF_BITS
        mov [rdi + IDT_GATE_OFFSET_MIDDLE], ax
        ror eax, IDT_GATE_OFFSET_HALF_BITS
        mov qword [rdi + IDT_GATE_OFFSET_HIGH], 0
        add rdi, IDT_GATE64_SIZE
        loop .next_gate

        ; Our GDT and IDT, one right after the other (the firmware's gates
        ; name its own code selector, which our GDT lacks); their LGDT and
        ; LIDT operands are built on the stack. A far return is the 64-bit
        ; way to reload CS: it pops RIP, then CS.
        mov rax, rsp
        push rax
        push word IDT_BYTES - 1
        lea rax, [gdt]
        push rax
        push word gdt.end - gdt - 1
        lgdt [rsp]
        lidt [rsp + DESCRIPTOR_POINTER_BYTES]
        add rsp, 2 * DESCRIPTOR_POINTER_BYTES
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
%ifdef LOADER_TEST_HANG_IN_HANDOFF
        jmp $                           ; a test build waits here for an NMI
%endif

        ; Our page tables: this page is below 4 GiB, so the next
        ; instruction is found at the same address. Then CR4 written whole,
        ; which leaves nothing of the firmware's (PGE, OSFXSR...) but PAE,
        ; which long mode needs, and MCE where the CPU has machine checks
        ; (cpu_checks.inc); and write protection in ring 0 too.
        mov cr3, r9
        machine_check_cr4_bits
        or eax, CR4_PAE
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

        mov edi, MULTIBOOT2_BOOTLOADER_MAGIC
        mov esi, r8d
        jmp r10

; Any exception or NMI in the hand-off: the sentence drawn on the screen
; and sent to COM1 (com1.inc), then a halt that a later NMI cannot end
; (NMIs stay blocked, since this handler never returns). The byte count is
; taken before the copy, so a fault in it (a screen the page tables do
; not map after all) comes back here to copy nothing and still say it on
; COM1.
handoff_fault:
        cld
        lea rbx, [handoff_fault_sentence]
        mov rsi, [rbx + DRAWN_PIXELS]
        mov rdi, [rbx + DRAWN_SCREEN]
        xor ecx, ecx
        xchg rcx, [rbx + DRAWN_BYTES]
        rep movsb
        mov rsi, [rbx + DRAWN_TEXT]
.next_char:
        lodsb
        test al, al
        jz .halt
        com1_putc
        jmp .next_char
.halt:
        cli
        hlt
        jmp .halt

align 8
handoff_fault_sentence:
        times DRAWN_SENTENCE_BYTES db 0

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

; The copy, its IDT and its stack share the one page handoff.c gives them
; (loader.h: HANDOFF_PAGES): a negative RESB count fails the build, and in
; an absolute block RESB reserves nothing in the file.
absolute 0
        resb PAGE_SIZE_4K - (handoff_end - handoff_start) - IDT_BYTES - STACK_BYTES
