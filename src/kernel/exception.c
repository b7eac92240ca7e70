/*
 * exception.c: the IDT for CPU exceptions and the report each one gets.
 *
 * exception_stubs.asm saves the registers and calls exception_report,
 * which prints one sentence naming the exception and where it happened,
 * white on red on the screen and on COM1, then the registers, and halts.
 */
#include "exception.h"

#include <stdint.h>
#include <stdnoreturn.h>

#include "console.h"
#include "cpu.h"
#include "x86.h"

/* The stack as exception_stubs.asm leaves it; the assembly depends on this layout. */
struct exception_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

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

extern const uint64_t exception_stubs[IDT_EXCEPTION_VECTORS];
noreturn void exception_report(const struct exception_frame *frame);

_Static_assert(sizeof(struct idt_gate) == 16, "an IDT gate is 16 bytes");

static _Alignas(16) struct idt_gate idt[IDT_EXCEPTION_VECTORS];

static const char *const names[IDT_EXCEPTION_VECTORS] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
    "#BR bound range exceeded", "#UD invalid opcode", "#NM device not available",
    "#DF double fault", "coprocessor segment overrun", "#TS invalid TSS",
    "#NP segment not present", "#SS stack-segment fault", "#GP general protection fault",
    "#PF page fault", "reserved", "#MF x87 floating-point error", "#AC alignment check",
    "#MC machine check", "#XM SIMD floating-point exception", "#VE virtualization exception",
    "#CP control protection exception", "reserved", "reserved", "reserved", "reserved",
    "reserved", "reserved", "#HV hypervisor injection exception",
    "#VC VMM communication exception", "#SX security exception", "reserved",
};

void exception_init(void)
{
    struct descriptor_table_register idtr = {
        .limit = sizeof idt - 1,
        .base = (uint64_t)(uintptr_t)idt,
    };

    for (unsigned vector = 0; vector < IDT_EXCEPTION_VECTORS; vector++) {
        uint64_t stub = exception_stubs[vector];
        idt[vector] = (struct idt_gate){
            .offset_low = (uint16_t)stub,
            .selector = read_cs(),
            .type = IDT_GATE_PRESENT | IDT_GATE_INTERRUPT,
            .offset_middle = (uint16_t)(stub >> 16),
            .offset_high = (uint32_t)(stub >> 32),
        };
    }
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

noreturn void exception_report(const struct exception_frame *frame)
{
    const char *name = frame->vector < IDT_EXCEPTION_VECTORS ? names[frame->vector] : "unknown";

    console_set_color(VGA_WHITE, VGA_RED);
    kprintf("longboot: CPU exception %lu (%s) at RIP 0x%lx, error code 0x%lx",
            frame->vector, name, frame->rip,
            frame->error_code);
    if (frame->vector == CPU_EXCEPTION_PAGE_FAULT)
        kprintf(", address 0x%lx", read_cr2());
    kprintf("; halting.\n");
    console_set_color(VGA_LIGHT_GREY, VGA_BLACK);
    kprintf("RAX %016lx  RBX %016lx  RCX %016lx\n"
            "RDX %016lx  RSI %016lx  RDI %016lx\n"
            "RBP %016lx  RSP %016lx  R8  %016lx\n"
            "R9  %016lx  R10 %016lx  R11 %016lx\n"
            "R12 %016lx  R13 %016lx  R14 %016lx\n"
            "R15 %016lx  CR3 %016lx  RFLAGS %08lx\n"
            "CS %04lx  SS %04lx\n",
            frame->rax, frame->rbx, frame->rcx, frame->rdx, frame->rsi, frame->rdi,
            frame->rbp, frame->rsp, frame->r8, frame->r9, frame->r10, frame->r11,
            frame->r12, frame->r13, frame->r14, frame->r15, read_cr3(), frame->rflags,
            frame->cs, frame->ss);
    halt_forever();
}
