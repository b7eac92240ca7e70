; exception_stubs.asm: the entry points of all 256 interrupt vectors: the
; 32 CPU exceptions and, so that a stray INT n or interrupt is reported
; rather than a triple fault, every other vector too.
;
; An INT n to one of the vectors whose exceptions push an error code
; (EXCEPTIONS_WITH_ERROR_CODE) pushes none, so its frame reads one slot
; off; the kernel keeps interrupts off and raises no such INT n itself.
;
; Mode: 64-bit long mode, reached through the IDT that exception.c builds.
; Receives: the frame the CPU pushed (SS, RSP, RFLAGS, CS, RIP, and for
;           some exceptions an error code), on the kernel stack or, for a
;           double fault, on the stack the TSS names (tss.c).
; Hands on: exception_report(struct exception_frame *) in exception.c,
;           with RSP 16-byte aligned. It never returns: every exception
;           is fatal in longboot, so there is no IRETQ path, only a halt
;           should the call ever come back.

%include "x86.inc"        ; made from src/arch/x86_64/x86.h by tools/h2inc.sed

; The symbols this file shares with C are declared in asm_symbols.h.
global exception_stubs
extern exception_report

section .text
bits 64

; Only some exceptions push an error code (SDM Vol. 3A, Table 6-1; the
; set is EXCEPTIONS_WITH_ERROR_CODE in x86.h). The others get a 0, so
; every frame has the same shape.
%define HAS_ERROR_CODE(v) ((v) < IDT_EXCEPTION_VECTORS && (EXCEPTIONS_WITH_ERROR_CODE >> (v)) & 1)

%assign vector 0
%rep IDT_VECTORS
exception_stub_ %+ vector:
%if !HAS_ERROR_CODE(vector)
        push 0
%endif
        push vector
        jmp exception_common
%assign vector vector + 1
%endrep

; The CPU aligned RSP to 16 before its 5-quadword frame; error code,
; vector and the 15 general registers below make 22 quadwords, so RSP is
; still 16-byte aligned at the call. The push order is the reverse of the
; field order of struct exception_frame.
exception_common:
        push rax
        push rbx
        push rcx
        push rdx
        push rsi
        push rdi
        push rbp
        push r8
        push r9
        push r10
        push r11
        push r12
        push r13
        push r14
        push r15
        mov rdi, rsp
        cld
        call exception_report
.halt:
        cli
        hlt
        jmp .halt

section .rodata

; Stub addresses by vector, for exception.c.
align 8
exception_stubs:
%assign vector 0
%rep IDT_VECTORS
        dq exception_stub_ %+ vector
%assign vector vector + 1
%endrep
