; boot32.asm: `start`, where GRUB hands over, up to the switch to long mode.
;
; Mode: 32-bit protected mode, paging off, interrupts off; no stack, and
; GRUB's GDT and IDT must not be trusted (docs/multiboot2.md §2).
; Receives: EAX = Multiboot2 boot-loader magic, EBX = physical address of
;           the boot information.
; Hands on: jumps to enter_long_mode (boot64.asm) with paging on, 0-4 GiB
;           identity-mapped, EFER.LME set, our GDT and the 64-bit early IDT
;           loaded, EDI = magic, ESI = boot information.
; On any failed check it prints a sentence through boot_fail and halts; an
; NMI, a machine check or an exception on the way meets our early IDT
; (early_idt.asm), which does the same.

%include "x86.inc"        ; made from src/arch/x86_64/x86.h by tools/h2inc.sed
%include "multiboot2.inc" ; made from src/arch/x86_64/multiboot2.h by tools/h2inc.sed
%include "boot.inc"       ; made from src/arch/x86_64/boot.h by tools/h2inc.sed
%include "pc.inc"         ; made from src/arch/x86_64/pc.h by tools/h2inc.sed
%include "failure_message.inc"
%include "cpu_checks.inc"
%include "identity_map.inc"
%include "data_segments.inc"

; The symbols this file shares with C are declared in asm_symbols.h.
global start
global boot_stack_top
global boot_stack_guard
extern enter_long_mode
extern boot_fail
extern early_idt32_pointer
extern early_idt64_pointer
extern gdt64_pointer

section .text
bits 32

; The table of contents. Our GDT and 32-bit early IDT come first, in the
; first two instructions, so that from there on an NMI or a fault is a
; sentence, not a reset: the loader's tables cannot be trusted, and both
; of ours are whole in the image (early_idt.asm). Multiboot2 leaves
; EFLAGS undefined but for IF and VM, so it is set to a known 0 next:
; above all DF, which would run `rep stos` backwards. Magic and boot
; information survive in EBP and ESI: CPUID clobbers EAX-EDX and the
; table fills use EAX, ECX, EDI. The 64-bit early IDT replaces the 32-bit
; one just before paging turns long mode on.
start:
        lgdt [gdt64_pointer]
        lidt [early_idt32_pointer]
        mov esp, boot_stack_top
        push 0
        popfd
        mov ebp, eax
        mov esi, ebx
        call reload_segments

        call check_multiboot2
        call check_cpuid
        call enable_machine_checks
        call check_long_mode
        call build_page_tables
        lidt [early_idt64_pointer]
        call enable_paging

        mov edi, ebp
        jmp enter_long_mode

; The segment registers keep the loader's descriptors, cached, until they
; are reloaded from our GDT (the loader's may lie in memory the kernel
; reuses); CS only by a far jump. Keeps every register but EAX.
reload_segments:
        jmp GDT_CODE32_SELECTOR:.code_reloaded
.code_reloaded:
        load_data_segments
        ret

; Fails unless EBP holds the magic a Multiboot2 loader puts in EAX.
check_multiboot2:
        cmp ebp, MULTIBOOT2_BOOTLOADER_MAGIC
        jne .fail
        ret
.fail:
        mov esi, msg_not_multiboot2
        jmp boot_fail

; Fails unless CPUID exists (cpu_checks.inc).
check_cpuid:
        require_cpuid .fail
        ret
.fail:
        mov esi, msg_no_cpuid
        jmp boot_fail

; CR4 is written whole, not OR-ed: firmware may leave bits such as LA57
; set, which would turn our PML4 into a PML5. CR4.MCE is set where CPUID
; reports it, so that a machine check raises #MC, which our IDTs report,
; rather than shutting the CPU down.
enable_machine_checks:
        machine_check_cr4_bits
        mov cr4, eax
        ret

; Fails unless the CPU has long mode and PAE (cpu_checks.inc).
check_long_mode:
        require_long_mode .no_long_mode, .no_pae
        ret
.no_long_mode:
        mov esi, msg_no_long_mode
        jmp boot_fail
.no_pae:
        mov esi, msg_no_pae
        jmp boot_fail

; Identity-maps 0 to BOOT_IDENTITY_MAP_GIB GiB with 2 MiB pages in
; page_tables (identity_map.inc), so the kernel, the boot information
; wherever GRUB put it, the VGA buffer and later a framebuffer or the
; local APIC are all reachable unchanged. GRUB zeroes .bss, but the tables
; do not depend on that.
build_page_tables:
        build_identity_map page_tables
        ret

; Paging and long mode on (identity_map.inc); the 64-bit early IDT is
; already loaded for the moment CR0.PG activates long mode. CR4 keeps
; what enable_machine_checks wrote.
enable_paging:
        mov eax, cr4
        enable_long_mode_paging page_tables
        ret

section .rodata
failure_message msg_not_multiboot2, "longboot: not started by a Multiboot2 loader (wrong magic in EAX); halting."
failure_message msg_no_cpuid,       "longboot: this CPU has no CPUID instruction; halting."
failure_message msg_no_long_mode,   "longboot: this CPU has no 64-bit long mode; halting."
failure_message msg_no_pae,         "longboot: this CPU has no PAE paging; halting."

section .bss
alignb PAGE_TABLE_SIZE
page_tables: resb IDENTITY_MAP_BYTES

; The stack grows down towards a page that paging.c leaves unmapped, so
; an overflow faults there instead of overwriting the page tables below.
alignb PAGE_SIZE_4K
boot_stack_guard: resb PAGE_SIZE_4K
boot_stack:       resb BOOT_STACK_SIZE
boot_stack_top:
