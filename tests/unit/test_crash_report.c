/*
 * test_crash_report.c: host tests of crash_report.c, the text of the
 * panic screen: the sentence, the page-fault error code in words, the
 * stack-overflow hints and the register dump.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arch/x86_64/x86.h"
#include "capture.h"
#include "check.h"
#include "kernel/crash_report.h"

#define SCREEN_COLUMNS 80
#define KERNEL_RIP 0x10234a
#define STACK_GUARD 0x10c000
#define PAGE 0x1000

static const struct crash_context context = {
    .cr2 = 0x100000000000,
    .cr3 = 0x116000,
    .stack_guard = STACK_GUARD,
};

/* Every register a different value, so a swapped pair shows. */
static struct exception_frame frame_for(uint64_t vector, uint64_t error_code)
{
    return (struct exception_frame){
        .r15 = 0xF15, .r14 = 0xF14, .r13 = 0xF13, .r12 = 0xF12, .r11 = 0xF11, .r10 = 0xF10,
        .r9 = 0xF09, .r8 = 0xF08, .rbp = 0xB9, .rdi = 0xD1, .rsi = 0x51, .rdx = 0xDD,
        .rcx = 0xCC, .rbx = 0xBB, .rax = 0xAA, .vector = vector, .error_code = error_code,
        .rip = KERNEL_RIP, .cs = 0x8, .rflags = 0x10086, .rsp = 0x113f58, .ss = 0x10,
    };
}

static int report(const struct exception_frame *frame, const struct crash_context *ctx)
{
    capture_reset();
    crash_report_exception(frame, ctx, capture_print);
    return capture_split();
}

static const char *page_fault_line(uint64_t error_code)
{
    struct exception_frame frame = frame_for(CPU_EXCEPTION_PAGE_FAULT, error_code);

    report(&frame, &context);
    return capture_lines[1];
}

TEST(test_page_fault_sentence_names_vector_and_rip)
{
    struct exception_frame frame = frame_for(CPU_EXCEPTION_PAGE_FAULT, 0);

    report(&frame, &context);
    CHECK_EQ_STR("longboot: #PF page fault (vector 14) at RIP 0x10234a; halting.",
                 capture_lines[0]);
}

TEST(test_page_fault_error_code_is_spelt_out_for_each_access)
{
    CHECK_EQ_STR("Error code 0x0: read of an unmapped page at 0x100000000000.",
                 page_fault_line(0x0));
    CHECK_EQ_STR("Error code 0x2: write to an unmapped page at 0x100000000000.",
                 page_fault_line(PF_ERROR_WRITE));
    CHECK_EQ_STR("Error code 0x10: instruction fetch from an unmapped page at 0x100000000000.",
                 page_fault_line(PF_ERROR_FETCH));
}

TEST(test_page_fault_on_a_present_page_names_the_right_it_lacks)
{
    CHECK_EQ_STR("Error code 0x3: write to a read-only page at 0x100000000000.",
                 page_fault_line(PF_ERROR_PRESENT | PF_ERROR_WRITE));
    CHECK_EQ_STR("Error code 0x11: instruction fetch from a no-execute page at 0x100000000000.",
                 page_fault_line(PF_ERROR_PRESENT | PF_ERROR_FETCH));
    CHECK_EQ_STR("Error code 0x1: read of a protected page at 0x100000000000.",
                 page_fault_line(PF_ERROR_PRESENT));
}

/* The line after the error code's, for a page fault with this code. */
static const char *page_fault_extra_line(uint64_t error_code)
{
    struct exception_frame frame = frame_for(CPU_EXCEPTION_PAGE_FAULT, error_code);

    report(&frame, &context);
    return capture_lines[2];
}

TEST(test_page_fault_from_user_mode_says_so_on_its_own_line)
{
    CHECK_EQ_STR("Error code 0x6: write to an unmapped page at 0x100000000000.",
                 page_fault_line(PF_ERROR_USER | PF_ERROR_WRITE));
    CHECK_EQ_STR("The access came from user mode (ring 3).",
                 page_fault_extra_line(PF_ERROR_USER | PF_ERROR_WRITE));
}

TEST(test_page_fault_rarer_bits_each_get_a_line)
{
    CHECK_EQ_STR("Error code 0x9: read of a page at 0x100000000000.",
                 page_fault_line(PF_ERROR_PRESENT | PF_ERROR_RESERVED));
    CHECK_EQ_STR("A paging entry has a reserved bit set, such as NX without EFER.NXE.",
                 page_fault_extra_line(PF_ERROR_PRESENT | PF_ERROR_RESERVED));
    CHECK_EQ_STR("A protection key forbade the access.",
                 page_fault_extra_line(PF_ERROR_PRESENT | PF_ERROR_WRITE |
                                       PF_ERROR_PROTECTION_KEY));
    CHECK_EQ_STR("It was a shadow-stack access.",
                 page_fault_extra_line(PF_ERROR_PRESENT | PF_ERROR_WRITE |
                                       PF_ERROR_SHADOW_STACK));
    CHECK_EQ_STR("SGX access control forbade it.",
                 page_fault_extra_line(PF_ERROR_PRESENT | PF_ERROR_SGX));
}

TEST(test_every_page_fault_error_code_fits_one_screen_row_per_line)
{
    static const uint64_t bits[] = { PF_ERROR_PRESENT, PF_ERROR_WRITE, PF_ERROR_USER,
                                     PF_ERROR_RESERVED, PF_ERROR_FETCH, PF_ERROR_PROTECTION_KEY,
                                     PF_ERROR_SHADOW_STACK, PF_ERROR_SGX };
    const size_t count = sizeof bits / sizeof bits[0];
    struct crash_context ctx = context;

    ctx.cr2 = 0x7FFFFFFFFFFF; /* the longest address of the lower half */
    for (uint64_t combination = 0; combination < (1u << count); combination++) {
        uint64_t code = 0;
        for (size_t i = 0; i < count; i++)
            if (combination >> i & 1)
                code |= bits[i];
        struct exception_frame frame = frame_for(CPU_EXCEPTION_PAGE_FAULT, code);
        int lines = report(&frame, &ctx);
        for (int i = 0; i < lines; i++)
            if (strlen(capture_lines[i]) > SCREEN_COLUMNS)
                check_fail(__FILE__, __LINE__, "error code 0x%lx: expected at most %d columns,"
                           " saw \"%s\"", (unsigned long)code, SCREEN_COLUMNS, capture_lines[i]);
    }
}

TEST(test_exception_with_error_code_prints_it)
{
    struct exception_frame frame = frame_for(13, 0x18);

    report(&frame, &context);
    CHECK_EQ_STR("longboot: #GP general protection fault (vector 13) at RIP 0x10234a; halting.",
                 capture_lines[0]);
    CHECK_EQ_STR("Error code 0x18.", capture_lines[1]);
}

TEST(test_exception_without_error_code_has_no_error_code_line)
{
    struct exception_frame frame = frame_for(6, 0);

    report(&frame, &context);
    CHECK_EQ_STR("longboot: #UD invalid opcode (vector 6) at RIP 0x10234a; halting.",
                 capture_lines[0]);
    CHECK(strncmp(capture_lines[1], "RIP ", 4) == 0);
}

static const char *machine_check_line(struct machine_check check)
{
    struct exception_frame frame = frame_for(CPU_EXCEPTION_MACHINE_CHECK, 0);
    struct crash_context ctx = context;

    ctx.machine_check = check;
    report(&frame, &ctx);
    CHECK_EQ_STR("longboot: #MC machine check (vector 18) at RIP 0x10234a; halting.",
                 capture_lines[0]);
    return capture_lines[1];
}

TEST(test_machine_check_names_the_bank_and_its_status)
{
    struct machine_check check = {
        .has_banks = true, .logged = true, .bank = 1, .status = 0xb200000000000000,
    };

    CHECK_EQ_STR("Machine-check bank 1 logged status 0xb200000000000000.",
                 machine_check_line(check));
}

TEST(test_machine_check_without_a_logged_error_says_so)
{
    struct machine_check check = { .has_banks = true };

    CHECK_EQ_STR("No machine-check bank holds a logged error.", machine_check_line(check));
}

TEST(test_machine_check_on_a_cpu_without_banks_says_so)
{
    struct machine_check check = { .has_banks = false };

    CHECK_EQ_STR("This CPU has no machine-check banks to say more.", machine_check_line(check));
}

TEST(test_vector_above_31_is_an_unexpected_interrupt)
{
    struct exception_frame frame = frame_for(0x40, 0);

    report(&frame, &context);
    CHECK_EQ_STR("longboot: unexpected interrupt (vector 64, 0x40) at RIP 0x10234a; halting.",
                 capture_lines[0]);
    CHECK(strncmp(capture_lines[1], "RIP ", 4) == 0);
}

TEST(test_every_exception_sentence_fits_one_screen_row)
{
    for (uint64_t vector = 0; vector < IDT_VECTORS; vector++) {
        struct exception_frame frame = frame_for(vector, 0);
        int lines = report(&frame, &context);

        for (int i = 0; i < lines; i++)
            if (strlen(capture_lines[i]) > SCREEN_COLUMNS)
                check_fail(__FILE__, __LINE__, "vector %lu: expected at most %d columns, saw"
                           " \"%s\"", (unsigned long)vector, SCREEN_COLUMNS, capture_lines[i]);
    }
}

static int has_line(int lines, const char *text)
{
    for (int i = 0; i < lines; i++)
        if (strcmp(capture_lines[i], text) == 0)
            return 1;
    return 0;
}

TEST(test_page_fault_in_guard_page_is_called_a_stack_overflow)
{
    static const char hint[] =
        "The address is in the stack's guard page: the kernel stack probably overflowed.";
    struct exception_frame frame = frame_for(CPU_EXCEPTION_PAGE_FAULT, PF_ERROR_WRITE);
    struct crash_context ctx = context;

    ctx.cr2 = STACK_GUARD;
    CHECK(has_line(report(&frame, &ctx), hint));
    ctx.cr2 = STACK_GUARD + PAGE - 1;
    CHECK(has_line(report(&frame, &ctx), hint));
    ctx.cr2 = STACK_GUARD + PAGE;
    CHECK(!has_line(report(&frame, &ctx), hint));
    ctx.cr2 = STACK_GUARD - 1;
    CHECK(!has_line(report(&frame, &ctx), hint));
}

TEST(test_double_fault_with_rsp_at_the_guard_is_called_a_stack_overflow)
{
    static const char hint[] = "RSP is in the stack's guard page: the kernel stack overflowed.";
    struct exception_frame frame = frame_for(CPU_EXCEPTION_DOUBLE_FAULT, 0);

    frame.rsp = STACK_GUARD + PAGE; /* the stack's last byte is used: the next push faults */
    CHECK(has_line(report(&frame, &context), hint));
    CHECK_EQ_STR("Error code 0x0.", capture_lines[1]);
    frame.rsp = STACK_GUARD + 0x40;
    CHECK(has_line(report(&frame, &context), hint));
    frame.rsp = STACK_GUARD + PAGE + 8;
    CHECK(!has_line(report(&frame, &context), hint));
}

TEST(test_register_dump_shows_each_register_once_in_place)
{
    struct exception_frame frame = frame_for(6, 0);
    struct crash_context ctx = context;

    ctx.cr2 = 0xC2;
    int lines = report(&frame, &ctx);
    CHECK_EQ_INT(8, lines);
    CHECK_EQ_STR("RIP 000000000010234a  RSP 0000000000113f58  RFLAGS 0000000000010086",
                 capture_lines[1]);
    CHECK_EQ_STR("CS  0008  SS  0010  CR2 00000000000000c2  CR3 0000000000116000",
                 capture_lines[2]);
    CHECK_EQ_STR("RAX 00000000000000aa  RBX 00000000000000bb  RCX 00000000000000cc",
                 capture_lines[3]);
    CHECK_EQ_STR("RDX 00000000000000dd  RSI 0000000000000051  RDI 00000000000000d1",
                 capture_lines[4]);
    CHECK_EQ_STR("RBP 00000000000000b9  R8  0000000000000f08  R9  0000000000000f09",
                 capture_lines[5]);
    CHECK_EQ_STR("R10 0000000000000f10  R11 0000000000000f11  R12 0000000000000f12",
                 capture_lines[6]);
    CHECK_EQ_STR("R13 0000000000000f13  R14 0000000000000f14  R15 0000000000000f15",
                 capture_lines[7]);
}

/*
 * Every exception vector against the SDM's table (Vol. 3A, Table 6-1),
 * written out here independently of crash_report.c and x86.h: the name
 * the first line shows, and whether an "Error code" line follows (only
 * where the CPU pushes one). Reserved vectors are named as such.
 */
static const struct {
    const char *name;
    int error_code;
} sdm_vectors[32] = {
    { "#DE divide error", 0 },            { "#DB debug", 0 },
    { "NMI", 0 },                         { "#BP breakpoint", 0 },
    { "#OF overflow", 0 },                { "#BR bound range exceeded", 0 },
    { "#UD invalid opcode", 0 },          { "#NM device not available", 0 },
    { "#DF double fault", 1 },            { "coprocessor segment overrun", 0 },
    { "#TS invalid TSS", 1 },             { "#NP segment not present", 1 },
    { "#SS stack-segment fault", 1 },     { "#GP general protection fault", 1 },
    { "#PF page fault", 1 },              { "reserved exception", 0 },
    { "#MF x87 floating-point error", 0 }, { "#AC alignment check", 1 },
    { "#MC machine check", 0 },           { "#XM SIMD floating-point error", 0 },
    { "#VE virtualization", 0 },          { "#CP control protection", 1 },
    { "reserved exception", 0 },          { "reserved exception", 0 },
    { "reserved exception", 0 },          { "reserved exception", 0 },
    { "reserved exception", 0 },          { "reserved exception", 0 },
    { "#HV hypervisor injection", 0 },    { "#VC VMM communication", 1 },
    { "#SX security", 1 },                { "reserved exception", 0 },
};

TEST(test_every_exception_vector_has_the_sdm_name_and_error_code_line)
{
    for (uint64_t vector = 0; vector < 32; vector++) {
        struct exception_frame frame = frame_for(vector, 0x10);
        char expected[128];

        report(&frame, &context);
        snprintf(expected, sizeof expected, "longboot: %s (vector %lu) at RIP 0x10234a; halting.",
                 sdm_vectors[vector].name, (unsigned long)vector);
        CHECK_EQ_STR(expected, capture_lines[0]);
        if (vector == CPU_EXCEPTION_PAGE_FAULT)
            continue; /* its error code is spelt out; tested above */
        if (sdm_vectors[vector].error_code)
            CHECK_EQ_STR("Error code 0x10.", capture_lines[1]);
        else
            CHECK(strncmp(capture_lines[1], "Error code", 10) != 0);
    }
}
