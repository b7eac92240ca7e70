/*
 * exception.c: the IDT, and the handler every vector leads to.
 *
 * All 256 vectors point at exception_stubs.asm, which saves the registers
 * and calls exception_report: CPU exceptions (0-31) and, since interrupts
 * stay off, anything else that arrives (an INT n, a stray interrupt) is a
 * fatal surprise, which the kernel's handler names on screen and COM1
 * before the halt. The double fault runs on its own stack (tss.c), so
 * even a stack overflow gets here.
 */
#include "arch/x86_64/cpu/exception.h"

#include <stdint.h>
#include <stdnoreturn.h>

#include "arch/x86_64/asm_symbols.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/cpu/tss.h"
#include "arch/x86_64/paging/paging.h"
#include "arch/x86_64/x86.h"

/* A 64-bit IDT gate (SDM Vol. 3A, 6.14.1); naturally 16 bytes, no padding. */
struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type;
    uint16_t offset_middle;
    uint32_t offset_high;
    uint32_t reserved;
};

_Static_assert(sizeof(struct idt_gate) == 16, "an IDT gate is 16 bytes");

static _Alignas(16) struct idt_gate idt[IDT_VECTORS];
static exception_handler kernel_handler;

void exception_init(exception_handler handler)
{
    struct descriptor_table_register idtr = {
        .limit = sizeof idt - 1,
        .base = (uint64_t)(uintptr_t)idt,
    };

    kernel_handler = handler;
    tss_init();
    for (unsigned vector = 0; vector < IDT_VECTORS; vector++) {
        uint64_t stub = exception_stubs[vector];
        idt[vector] = (struct idt_gate){
            .offset_low = (uint16_t)stub,
            .selector = read_cs(),
            .ist = vector == CPU_EXCEPTION_DOUBLE_FAULT ? TSS_IST_DOUBLE_FAULT : 0,
            .type = IDT_GATE_PRESENT | IDT_GATE_INTERRUPT,
            .offset_middle = (uint16_t)(stub >> 16),
            .offset_high = (uint32_t)(stub >> 32),
        };
    }
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

/* The first machine-check bank that logged an error, where the CPU has banks. */
static struct machine_check read_machine_check(void)
{
    struct machine_check check = {
        .has_banks = cpuid_edx(CPUID_LEAF_FEATURES) & CPUID_FEATURES_EDX_MCA,
    };
    uint32_t banks = check.has_banks ? read_msr(MSR_MCG_CAP) & MCG_CAP_BANK_COUNT : 0;

    for (uint32_t bank = 0; bank < banks; bank++) {
        uint64_t status = read_msr(MSR_MC0_STATUS + bank * MSR_MC_BANK_STRIDE);
        if (status & MC_STATUS_VALID) {
            check.logged = true;
            check.bank = bank;
            check.status = status;
            break;
        }
    }
    return check;
}

noreturn void exception_report(const struct exception_frame *frame)
{
    struct crash_context context = {
        .cr2 = read_cr2(),
        .cr3 = read_cr3(),
        .stack_guard = paging_kernel_layout().stack_guard,
    };

    if (frame->vector == CPU_EXCEPTION_MACHINE_CHECK)
        context.machine_check = read_machine_check();

    kernel_handler(frame, &context);
    halt_forever();
}
