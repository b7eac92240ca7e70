/*
 * fault_option.c: the faults `fault=NAME` raises (see fault_option.h and
 * the README's "Command line"). Each one touches a known address in a
 * known way; the address goes to COM1 first, so a test can check that the
 * panic screen's CR2 is exactly the address touched.
 */
#include "kernel/fault_option.h"

#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/paging/paging.h"
#include "kernel/cmdline.h"
#include "kernel/escape.h"
#include "kernel/console/console.h"
#include "kernel/panic.h"

#define FAULT_NAME_MAX 256 /* as long as an argument cmdline.c compares: a mistyped name shows whole */
#define UNMAPPED_ADDRESS 0x100000000000      /* 16 TiB: far beyond the identity map */
#define NON_CANONICAL_ADDRESS 0x800000000000 /* bit 47 set but not bits 48-63: #GP, not #PF */
#define STRAY_VECTOR "0x40"                  /* an INT n vector no device or exception uses */
#define X86_RET 0xC3                         /* one-byte near return: code to run from data */
#define RECURSION_FRAME_BYTES 256            /* stack each level of fault=stack uses up */

/* Volatile so the compiler can neither see a null pointer nor a recursion without end. */
static volatile uintptr_t null_address = 0;
static volatile unsigned recursion_limit = ~0u;

static const char rodata_sample[] = "read-only";
static uint8_t data_code[] = { X86_RET };

static void read_at(uintptr_t address, const char *where)
{
    klog("fault: reading 0x%lx (%s)\n", address, where);
    (void)*(volatile uint8_t *)address;
}

static void write_at(uintptr_t address, const char *where)
{
    volatile uint8_t *byte = (volatile uint8_t *)address;

    klog("fault: writing 0x%lx (%s)\n", address, where);
    *byte = *byte;
}

static void call_at(uintptr_t address, const char *where)
{
    klog("fault: executing 0x%lx (%s)\n", address, where);
    ((void (*)(void))address)();
}

/* In assembly: C's division by zero is undefined, and compilers do fold it away. */
static void divide_by_zero(void)
{
    klog("fault: dividing by zero\n");
    __asm__ volatile("xor %%ecx, %%ecx; div %%ecx" : : : "eax", "ecx", "edx");
}

static void breakpoint(void) { __asm__ volatile("int3"); }
static void invalid_opcode(void) { __asm__ volatile("ud2"); }
static void stray_interrupt(void) { __asm__ volatile("int $" STRAY_VECTOR); }
static void non_canonical(void) { read_at(NON_CANONICAL_ADDRESS, "a non-canonical address"); }
static void unmapped(void) { read_at(UNMAPPED_ADDRESS, "beyond the identity map"); }
static void null_pointer(void) { read_at(null_address, "a null pointer"); }
static void write_text(void) { write_at((uintptr_t)fault_option_run, ".text"); }
static void write_rodata(void) { write_at((uintptr_t)rodata_sample, ".rodata"); }
static void execute_data(void) { call_at((uintptr_t)data_code, ".data"); }

/*
 * Every general register but RSP and RBP (the frame pointer, which the
 * compiler keeps) gets a value of its own, 0xCAFE00000000000N with N its
 * number in the panic screen's order, then `ud2` at the symbol
 * fault_regs_ud2: a test reads the screen's dump against these values and
 * RIP against the symbol. Never inlined, so the label exists once.
 */
static __attribute__((noinline)) void known_registers(void)
{
    klog("fault: known values in the registers, then ud2 at fault_regs_ud2\n");
    __asm__ volatile(
        "movabs $0xCAFE000000000001, %%rax\n\t"
        "movabs $0xCAFE000000000002, %%rbx\n\t"
        "movabs $0xCAFE000000000003, %%rcx\n\t"
        "movabs $0xCAFE000000000004, %%rdx\n\t"
        "movabs $0xCAFE000000000005, %%rsi\n\t"
        "movabs $0xCAFE000000000006, %%rdi\n\t"
        "movabs $0xCAFE000000000008, %%r8\n\t"
        "movabs $0xCAFE000000000009, %%r9\n\t"
        "movabs $0xCAFE00000000000A, %%r10\n\t"
        "movabs $0xCAFE00000000000B, %%r11\n\t"
        "movabs $0xCAFE00000000000C, %%r12\n\t"
        "movabs $0xCAFE00000000000D, %%r13\n\t"
        "movabs $0xCAFE00000000000E, %%r14\n\t"
        "movabs $0xCAFE00000000000F, %%r15\n\t"
        ".globl fault_regs_ud2\n"
        "fault_regs_ud2:\n\t"
        "ud2"
        : : : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13",
          "r14", "r15", "memory");
}

static void execute_stack(void)
{
    uint8_t stack_code[] = { X86_RET };

    call_at((uintptr_t)stack_code, "the stack");
}

static void touch_guard(void)
{
    read_at(paging_kernel_layout().stack_guard, "the stack guard page");
}

static unsigned recurse(unsigned depth)
{
    volatile uint8_t frame[RECURSION_FRAME_BYTES];

    frame[0] = (uint8_t)depth;
    if (depth == recursion_limit)
        return 0;
    return recurse(depth + 1) + frame[0];
}

static void overflow_stack(void)
{
    klog("fault: recursing until the stack overflows\n");
    (void)recurse(0);
}

static void kernel_panic(void)
{
    panic("fault=panic asked for a kernel panic");
}

static const struct fault {
    const char *name;
    void (*raise)(void);
    bool needs_nx;
} faults[] = {
    { "de", divide_by_zero, false },    { "bp", breakpoint, false },
    { "ud", invalid_opcode, false },    { "gp", non_canonical, false },
    { "pf", unmapped, false },          { "null", null_pointer, false },
    { "wp", write_text, false },        { "ro", write_rodata, false },
    { "nx", execute_data, true },       { "nxstack", execute_stack, true },
    { "guard", touch_guard, false },    { "stack", overflow_stack, false },
    { "int", stray_interrupt, false },  { "panic", kernel_panic, false },
    { "regs", known_registers, false },
};

#define FAULT_COUNT (sizeof faults / sizeof faults[0])

static bool same(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

void fault_option_run(struct cmdline cmdline, bool nx)
{
    char name[FAULT_NAME_MAX];

    if (!cmdline_find(cmdline, "fault", name, sizeof name))
        return;
    for (size_t i = 0; i < FAULT_COUNT; i++) {
        if (!same(name, faults[i].name))
            continue;
        kprintf("Raising the fault asked for on the command line (fault=%s).\n", name);
        faults[i].raise();
        if (faults[i].needs_nx && !nx)
            kprintf("longboot: fault=%s ran code from data without a fault: this CPU has no"
                    " NX bit, so no page can be made non-executable.\n", name);
        return;
    }
    kprintf("longboot: unknown fault=");
    escape_print(kprintf, name);
    kprintf("; ignored. Known:");
    for (size_t i = 0; i < FAULT_COUNT; i++)
        kprintf(" %s", faults[i].name);
    kprintf(".\n");
}
