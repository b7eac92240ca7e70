/*
 * tss.c: the 64-bit task-state segment (SDM Vol. 3A, 8.7).
 *
 * Long mode does no task switching; the TSS matters here only for its
 * interrupt stack table. The double-fault gate names IST slot 1, so the
 * CPU switches to double_fault_stack whatever RSP was: when the kernel
 * stack overflows into its guard page, the page fault cannot push its
 * frame, that becomes a double fault, and the handler still has a stack
 * on which to print the panic screen.
 */
#include "arch/x86_64/cpu/tss.h"

#include <stdint.h>

#include "arch/x86_64/asm_symbols.h"
#include "arch/x86_64/boot.h"
#include "arch/x86_64/x86.h"

#define DOUBLE_FAULT_STACK_SIZE 0x2000 /* room for the panic screen's formatting */
#define STACK_ALIGN 16                 /* System V ABI alignment for the C handler */

/* Fields of a 16-byte system-segment descriptor (SDM Vol. 3A, 8.2.3, Figure 8-4). */
#define DESCRIPTOR_LIMIT_MASK 0xFFFF      /* limit bits 0-15 sit in bits 0-15 */
#define DESCRIPTOR_BASE_LOW_BITS 24       /* base bits 0-23 ... */
#define DESCRIPTOR_BASE_LOW_MASK 0xFFFFFF
#define DESCRIPTOR_BASE_LOW_SHIFT 16      /* ... sit in bits 16-39 */
#define DESCRIPTOR_BASE_MIDDLE_MASK 0xFF  /* base bits 24-31 ... */
#define DESCRIPTOR_BASE_MIDDLE_SHIFT 56   /* ... sit in bits 56-63 */
#define DESCRIPTOR_BASE_HIGH_SHIFT 32     /* base bits 32-63 fill the second quadword */

/* The 64-bit TSS layout; packed because its 64-bit fields sit at 4 mod 8. */
struct __attribute__((packed)) tss {
    uint32_t reserved0;
    uint64_t rsp[3]; /* stacks for privilege changes to rings 0-2: unused, all code is ring 0 */
    uint64_t reserved1;
    uint64_t ist[7]; /* IST slots 1-7 */
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t io_map_base; /* offset of the I/O permission bitmap; past the end = none */
};

_Static_assert(sizeof(struct tss) == 104, "the 64-bit TSS is 104 bytes");

static struct tss tss;
static _Alignas(STACK_ALIGN) uint8_t double_fault_stack[DOUBLE_FAULT_STACK_SIZE];

void tss_init(void)
{
    uint64_t base = (uintptr_t)&tss;

    tss.ist[TSS_IST_DOUBLE_FAULT - 1] = (uintptr_t)(double_fault_stack + sizeof double_fault_stack);
    tss.io_map_base = sizeof tss;

    gdt64_tss[0] = ((sizeof tss - 1) & DESCRIPTOR_LIMIT_MASK)
                 | (base & DESCRIPTOR_BASE_LOW_MASK) << DESCRIPTOR_BASE_LOW_SHIFT
                 | SEGMENT_TSS_AVAILABLE | SEGMENT_PRESENT
                 | (base >> DESCRIPTOR_BASE_LOW_BITS & DESCRIPTOR_BASE_MIDDLE_MASK) << DESCRIPTOR_BASE_MIDDLE_SHIFT;
    gdt64_tss[1] = base >> DESCRIPTOR_BASE_HIGH_SHIFT;
    __asm__ volatile("ltr %0" : : "r"((uint16_t)GDT_TSS_SELECTOR) : "memory");
}
