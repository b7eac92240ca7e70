/*
 * crash_report.c: words for a CPU exception (see crash_report.h).
 *
 * The first line is the sentence a reader needs; it names the exception
 * as the SDM does (Vol. 3A, Table 6-1). The error code follows where the
 * CPU pushes one, spelt out for a page fault, and a fault at the stack
 * guard says the stack probably overflowed. The registers come last,
 * three to a line. Every line fits 80 columns for addresses in the lower
 * half of the address space, where everything of the kernel's lies.
 */
#include "kernel/crash_report.h"

#include <stdbool.h>

#include "arch/x86_64/x86.h"

static const char *const names[IDT_EXCEPTION_VECTORS] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
    "#BR bound range exceeded", "#UD invalid opcode", "#NM device not available",
    "#DF double fault", "coprocessor segment overrun", "#TS invalid TSS",
    "#NP segment not present", "#SS stack-segment fault", "#GP general protection fault",
    "#PF page fault", "reserved exception", "#MF x87 floating-point error", "#AC alignment check",
    "#MC machine check", "#XM SIMD floating-point error", "#VE virtualization",
    "#CP control protection", "reserved exception", "reserved exception", "reserved exception", "reserved exception",
    "reserved exception", "reserved exception", "#HV hypervisor injection",
    "#VC VMM communication", "#SX security", "reserved exception",
};

static bool in_guard_page(uint64_t address, uint64_t guard)
{
    return address - guard < PAGE_SIZE_4K;
}

/*
 * "Error code 0x3: write to a read-only page at 0x101000.", from the error
 * code's bits, then a line for each rarer bit. With the reserved bit set
 * the page's rights say nothing, so the page is just "a page".
 */
static void print_page_fault_cause(uint64_t code, uint64_t address, report_printer print)
{
    const char *access = code & PF_ERROR_FETCH   ? "instruction fetch from"
                         : code & PF_ERROR_WRITE ? "write to"
                                                 : "read of";
    const char *page = !(code & PF_ERROR_PRESENT) ? "an unmapped page"
                       : code & PF_ERROR_RESERVED ? "a page"
                       : code & PF_ERROR_FETCH    ? "a no-execute page"
                       : code & PF_ERROR_WRITE    ? "a read-only page"
                                                  : "a protected page";

    print("Error code 0x%lx: %s %s at 0x%lx.\n", code, access, page, address);
    if (code & PF_ERROR_USER)
        print("The access came from user mode (ring 3).\n");
    if (code & PF_ERROR_RESERVED)
        print("A paging entry has a reserved bit set, such as NX without EFER.NXE.\n");
    if (code & PF_ERROR_PROTECTION_KEY)
        print("A protection key forbade the access.\n");
    if (code & PF_ERROR_SHADOW_STACK)
        print("It was a shadow-stack access.\n");
    if (code & PF_ERROR_SGX)
        print("SGX access control forbade it.\n");
}

static void print_machine_check(const struct machine_check *check, report_printer print)
{
    if (!check->has_banks)
        print("This CPU has no machine-check banks to say more.\n");
    else if (!check->logged)
        print("No machine-check bank holds a logged error.\n");
    else
        print("Machine-check bank %u logged status 0x%016lx.\n", check->bank, check->status);
}

static void print_registers(const struct exception_frame *f, const struct crash_context *context,
                            report_printer print)
{
    print("RIP %016lx  RSP %016lx  RFLAGS %016lx\n", f->rip, f->rsp, f->rflags);
    print("CS  %04lx  SS  %04lx  CR2 %016lx  CR3 %016lx\n", f->cs, f->ss, context->cr2,
          context->cr3);
    print("RAX %016lx  RBX %016lx  RCX %016lx\n", f->rax, f->rbx, f->rcx);
    print("RDX %016lx  RSI %016lx  RDI %016lx\n", f->rdx, f->rsi, f->rdi);
    print("RBP %016lx  R8  %016lx  R9  %016lx\n", f->rbp, f->r8, f->r9);
    print("R10 %016lx  R11 %016lx  R12 %016lx\n", f->r10, f->r11, f->r12);
    print("R13 %016lx  R14 %016lx  R15 %016lx\n", f->r13, f->r14, f->r15);
}

void crash_report_exception(const struct exception_frame *frame,
                            const struct crash_context *context, report_printer print)
{
    uint64_t vector = frame->vector;

    if (vector >= IDT_EXCEPTION_VECTORS) {
        print("longboot: unexpected interrupt (vector %lu, 0x%lx) at RIP 0x%lx; halting.\n",
              vector, vector, frame->rip);
    } else {
        print("longboot: %s (vector %lu) at RIP 0x%lx; halting.\n", names[vector], vector,
              frame->rip);
    }
    if (vector == CPU_EXCEPTION_PAGE_FAULT)
        print_page_fault_cause(frame->error_code, context->cr2, print);
    else if (vector < IDT_EXCEPTION_VECTORS && (EXCEPTIONS_WITH_ERROR_CODE >> vector & 1))
        print("Error code 0x%lx.\n", frame->error_code);
    if (vector == CPU_EXCEPTION_PAGE_FAULT && in_guard_page(context->cr2, context->stack_guard))
        print("The address is in the stack's guard page: the kernel stack probably"
              " overflowed.\n");
    if (vector == CPU_EXCEPTION_DOUBLE_FAULT && in_guard_page(frame->rsp - 1, context->stack_guard))
        print("RSP is in the stack's guard page: the kernel stack overflowed.\n");
    if (vector == CPU_EXCEPTION_MACHINE_CHECK)
        print_machine_check(&context->machine_check, print);
    print_registers(frame, context, print);
}
