; long_mode.asm: from real mode to the kernel's 64-bit entry.
;
; Mode: starts in 16-bit real mode (enter_protected_mode), passes through
; 32-bit protected mode (protected_mode_start) and ends in 64-bit mode
; (long_mode_start); interrupts off from the first instruction on.
; Receives: from stage2.asm, the kernel file in memory and what the BIOS
;           said, in the variables loader.h lists.
; Hands on: calls loader_main (main.c), which checks and loads the kernel
;           and builds the boot information, then jumps to the kernel's
;           64-bit entry (start64 in the kernel, found by main.c through the
;           kernel's ELF note) with EDI = Multiboot2 boot-loader magic,
;           ESI = the boot information, 0-4 GiB identity-mapped, CR0.WP on,
;           EFER.NXE on where CPUID has NX, interrupts off, and our IDT
;           still loaded until the kernel loads its own.
; From protected mode on, every CPU exception and NMI goes through the IDTs
; built here to fail32.asm, which says which one it was and halts.

%include "x86.inc"
%include "pc.inc"
%include "boot.inc"
%include "multiboot2.inc"
%include "layout.inc"
%include "identity_map.inc"
%include "cpu_checks.inc"

global enter_protected_mode
global GDT_CODE32
global GDT_CODE64
extern exception_stubs
extern fail32
extern loader_main
extern kernel_entry
extern boot_information

; Each stub is `push byte vector` and `jmp short` to a common handler.
EXCEPTION_STUB_SIZE equ 4
%strlen BANNER_LENGTH LOADER_NAME       ; stage 1's banner on the top row

section .stage2 align=1
bits 16

; The IDTs are filled in while still in real mode, so that both are
; complete before the first instruction that could fault in protected
; mode. Between LIDT and setting CR0.PE only an NMI or a machine check
; could arrive, and it would find our table where the BIOS's vectors were:
; two instructions in which we accept that risk. The far jump loads CS
; with a 32-bit code segment, which is what leaves 16-bit code.
enter_protected_mode:
        cli
        call build_idts
        lgdt [gdt.pointer]
        lidt [idt32.pointer]
        mov eax, cr0
        or eax, CR0_PE
        mov cr0, eax
        jmp GDT_CODE32:protected_mode_start

; IDT_EXCEPTION_VECTORS gates in each table, gate n pointing at stub n of
; exception_stubs (fail32.asm), which runs in either mode: 32-bit interrupt
; gates with our 32-bit code segment, 64-bit ones with our 64-bit code
; segment. The tables are in .bss, which stage2_start zeroed, and
; the stubs lie below 64 KiB (loader.ld), so the high offset words stay 0.
; Interrupts stay off until the kernel's own IDT is in place, so no vector
; above the exceptions can arrive; an INT n would raise #GP (13), listed.
build_idts:
        mov di, idt32
        mov si, idt64
        mov ax, exception_stubs
        mov cx, IDT_EXCEPTION_VECTORS
.next_gate:
        mov [di + IDT_GATE_OFFSET_LOW], ax
        mov word [di + IDT_GATE_SELECTOR], GDT_CODE32
        mov byte [di + IDT_GATE_TYPE], IDT_GATE_PRESENT | IDT_GATE_INTERRUPT
        mov [si + IDT_GATE_OFFSET_LOW], ax
        mov word [si + IDT_GATE_SELECTOR], GDT_CODE64
        mov byte [si + IDT_GATE_TYPE], IDT_GATE_PRESENT | IDT_GATE_INTERRUPT
        add ax, EXCEPTION_STUB_SIZE
        add di, IDT_GATE32_SIZE
        add si, IDT_GATE64_SIZE
        loop .next_gate
        ret

section .text align=1
bits 32

; Flat 4 GiB data segments for the data registers we use and the stack,
; which stays where it was in real mode. FS and GS keep real mode's 0, the
; null selector, which protected mode allows until one is used; the kernel
; reloads all of them.
protected_mode_start:
        mov ax, GDT_DATA
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov esp, LOADER_STACK_TOP

; Identity-maps 0 to BOOT_IDENTITY_MAP_GIB GiB with 2 MiB pages at
; LOADER_PAGE_TABLES, with the kernel's own trampoline's macro
; (identity_map.inc), so that start64 finds the same world as GRUB's path:
; the kernel, the boot information, the VGA buffer and any device below
; 4 GiB reachable unchanged.
build_page_tables:
        build_identity_map LOADER_PAGE_TABLES

; Paging and long mode on, as the kernel's trampoline does it
; (identity_map.inc): CR0.WP and EFER.NXE exactly where CPUID has NX are
; what the kernel's self-checks expect from any loader. Of CR4 only MCE
; stays, as stage 2's check_cpu set it where CPUID has it, so a machine
; check stays our sentence; whatever a BIOS call may have set since goes,
; and PAE joins. Inline, as the steps above: the loader must fit in 4 KiB.
enable_paging:
        mov eax, cr4
        and eax, byte CR4_MCE
        enable_long_mode_paging LOADER_PAGE_TABLES
        jmp GDT_CODE64:long_mode_start

bits 64

; The 64-bit IDT replaces the 32-bit one first: the far jump made the CPU
; read 64-bit gates. Then the C part, with RSP 16-byte aligned at the call.
; It returns NULL and sets kernel_entry and boot_information, or returns
; the middle of a failure sentence, printed by fail32, which is 32-bit
; code: a far return gets there, in compatibility mode.
long_mode_start:
        lidt [idt64.pointer]
        mov esp, LOADER_STACK_TOP
        call loader_main
        test rax, rax
        jnz .fail

        ; The last thing the loader shows: " -> kernel" after the banner
        ; on the top row, so a watcher knows the jump is next.
        mov esi, msg_starting
        mov edi, VGA_TEXT_BUFFER + 2 * BANNER_LENGTH
        mov ah, LOADER_TEXT_ATTRIBUTE
.next_char:
        lodsb
        test al, al
        jz .jump
        stosw
        jmp .next_char
.jump:
        mov edi, MULTIBOOT2_BOOTLOADER_MAGIC
        mov esi, [boot_information]
        jmp [kernel_entry]

.fail:
        mov esi, eax
        push GDT_CODE32
        push fail32
        retfq

section .rodata align=1
msg_starting: db " -> kernel", 0

section .data align=1

; The 64-bit code segment (L=1, D=0; base and limit ignored) for long
; mode, and code and data segments for 32-bit protected mode (flat
; 4 GiB), with the accessed bits preset so loading a segment never writes
; here. The 64-bit code segment sits where the kernel's GDT has its own
; (GDT_CODE64_SELECTOR, checked below): our IDT's 64-bit gates then stay
; valid after start64 loads the kernel's GDT, until the kernel's IDT.
gdt:
        dq 0                                                    ; null descriptor
.code64: dq SEGMENT_PRESENT | SEGMENT_CODE_DATA | SEGMENT_EXECUTABLE | SEGMENT_READ_WRITE | SEGMENT_ACCESSED | SEGMENT_LONG_MODE
.data:   dq SEGMENT_PRESENT | SEGMENT_CODE_DATA | SEGMENT_READ_WRITE | SEGMENT_ACCESSED | SEGMENT_DEFAULT_32 | SEGMENT_GRANULARITY_4K | SEGMENT_LIMIT_MAX
.code32: dq SEGMENT_PRESENT | SEGMENT_CODE_DATA | SEGMENT_EXECUTABLE | SEGMENT_READ_WRITE | SEGMENT_ACCESSED | SEGMENT_DEFAULT_32 | SEGMENT_GRANULARITY_4K | SEGMENT_LIMIT_MAX
.end:
.pointer:
        dw gdt.end - gdt - 1
        dd gdt

GDT_CODE32 equ gdt.code32 - gdt
GDT_DATA equ gdt.data - gdt
GDT_CODE64 equ gdt.code64 - gdt
; A negative TIMES count fails the build; the right selector emits nothing.
        times GDT_CODE64 - GDT_CODE64_SELECTOR db 0
        times GDT_CODE64_SELECTOR - GDT_CODE64 db 0

; LIDT operands: a 16-bit limit, then the base (32 bits in protected
; mode, 64 in long mode).
idt32.pointer:
        dw IDT_EXCEPTION_VECTORS * IDT_GATE32_SIZE - 1
        dd idt32
idt64.pointer:
        dw IDT_EXCEPTION_VECTORS * IDT_GATE64_SIZE - 1
        dq idt64

section .bss
alignb 16
idt32:             resb IDT_EXCEPTION_VECTORS * IDT_GATE32_SIZE
idt64:             resb IDT_EXCEPTION_VECTORS * IDT_GATE64_SIZE
