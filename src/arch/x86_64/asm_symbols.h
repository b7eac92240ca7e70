/*
 * asm_symbols.h: every symbol that crosses between the assembly, the
 * linker script and C, declared once.
 *
 * The assembly depends on these exact names, types and signatures: a
 * change here must be made there too, in the file each group names.
 */
#ifndef ASM_SYMBOLS_H
#define ASM_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "arch/x86_64/x86.h"

/*
 * boot/boot64.asm calls kmain (src/kernel/kmain.c) in 64-bit mode, with
 * RSP 16-byte aligned, per the System V ABI: EDI = the Multiboot2
 * boot-loader magic, ESI = the boot information's physical address.
 */
void kmain(uint32_t magic, uint64_t mbi_phys);

/* boot/boot64.asm: the 16-byte TSS slot of our GDT, which cpu/tss.c fills in. */
extern uint64_t gdt64_tss[2];

/* boot/boot32.asm: the unmapped page below the kernel's only stack. */
extern char boot_stack_guard[];

/*
 * The stack as cpu/exception_stubs.asm leaves it for exception_report:
 * the 15 general registers it pushes (last pushed first), the vector and
 * error code it pushes, then the frame the CPU pushed.
 */
struct exception_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code; /* error_code is 0 where the CPU pushes none */
    uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

/* cpu/exception_stubs.asm: the stub of each vector, and the C function every stub calls. */
extern const uint64_t exception_stubs[IDT_VECTORS];
noreturn void exception_report(const struct exception_frame *frame);

/*
 * boot/early_idt.asm: the 64-bit early IDT's stubs call early_fault
 * (boot/early_fault.c) with the vector, on the boot stack, and it never
 * returns. The stub blocks early_stubs32 and early_stubs64 are named for
 * linker.ld, which splits their addresses into the gates' 16-bit halves
 * (early_stubs32_low, early_stubs32_high and the same for 64).
 */
noreturn void early_fault(uint64_t vector);

/* boot/boot64.asm: start64 halts with a sentence (length bytes of text, not
 * NUL-terminated) through early_fail, in boot/early_fault.c. */
noreturn void early_fail(const char *text, size_t length);

/* boot/boot_fail.asm: set once a failure sentence is on screen, after
 * which the early IDTs return to the halt instead of printing over it. */
extern uint8_t boot_failed;

/* linker.ld: page-aligned bounds of the image's parts, in load order. */
extern char kernel_text_start[], kernel_rodata_start[], kernel_data_start[], kernel_image_end[];

#endif
