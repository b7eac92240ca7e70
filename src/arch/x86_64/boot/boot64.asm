; boot64.asm: our GDT, the far jump into 64-bit code, and the call to kmain.
;
; Two ways in, one way on:
;   enter_long_mode, from `start` (boot32.asm, after GRUB), runs in
;     compatibility mode: 32-bit code with long mode already active;
;   start64, from a loader that has entered long mode itself (our BIOS
;     loader, which finds it through entry_note.asm), runs in 64-bit mode on
;     the loader's identity-mapped page tables and GDT.
; Both load our GDT and far-jump to long_mode_start, 64-bit mode.
; Receives: EDI = Multiboot2 magic, ESI = boot information physical address.
; Hands on: kmain(uint32_t magic, uint64_t mbi_phys) per the System V ABI,
;           RSP 16-byte aligned at the call; halts if kmain returns.

%include "x86.inc"

global enter_long_mode
global start64
global gdt64
global gdt64_tss
extern boot_stack_top
extern kmain

section .text
bits 32

; GRUB's GDT may lie in memory we later reuse and has no 64-bit code
; segment, so load ours. CS is only reloaded by a far jump; jumping to a
; descriptor with L=1 is what leaves compatibility mode for 64-bit mode.
enter_long_mode:
        lgdt [gdt64.pointer]
        jmp GDT64_CODE_SELECTOR:long_mode_start

bits 64

; The loader's GDT lies in memory the kernel does not own, so load ours.
; A far return is the 64-bit way to reload CS: it pops RIP, then CS.
; `start64` is the only code the loader needs to know; boot.h gives the
; full contract. EDI and ESI pass through untouched.
start64:
        lgdt [gdt64.pointer]
        push GDT64_CODE_SELECTOR
        push long_mode_start
        retfq

; Data segments get our data selector (base and limit are ignored in
; 64-bit mode, but stale selectors from GRUB's GDT must not linger). The
; stack top is 16-byte aligned, so RSP % 16 == 0 at the call, as the ABI
; wants. Writing a 32-bit register zero-extends into the 64-bit one, which
; turns EDI/ESI into kmain's two arguments.
long_mode_start:
        mov ax, GDT64_DATA_SELECTOR
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        mov ss, ax
        mov rsp, boot_stack_top
        cld
        mov edi, edi
        mov esi, esi
        call kmain
.halt:
        cli
        hlt
        jmp .halt

section .data

; Long mode ignores base and limit; what matters is present, code/data,
; executable and, for code, L=1 with D=0 (SDM Vol. 3A, 3.4.5). The
; accessed bits are preset so loading a segment never writes here. The
; table is still writable data: the TSS descriptor is 16 bytes whose base
; is split across fields, so tss.c fills it in, and LTR then marks it busy.
align 8
gdt64:
        dq 0                                                    ; null descriptor
.code:  dq SEGMENT_PRESENT | SEGMENT_CODE_DATA | SEGMENT_EXECUTABLE | SEGMENT_READ_WRITE | SEGMENT_ACCESSED | SEGMENT_LONG_MODE
.data:  dq SEGMENT_PRESENT | SEGMENT_CODE_DATA | SEGMENT_READ_WRITE | SEGMENT_ACCESSED
.tss:   dq 0, 0                                                 ; 64-bit TSS descriptor, from tss.c
.end:
.pointer:
        dw gdt64.end - gdt64 - 1                                ; limit: size - 1
        dq gdt64                                                ; base

GDT64_CODE_SELECTOR equ gdt64.code - gdt64
GDT64_DATA_SELECTOR equ gdt64.data - gdt64
gdt64_tss equ gdt64.tss
