/*
 * cpu.h: reading the CPU's control state, and stopping it for good.
 */
#ifndef CPU_H
#define CPU_H

#include <stdint.h>
#include <stdnoreturn.h>

static inline uint64_t read_cr0(void)
{
    uint64_t value;

    __asm__ volatile("mov %%cr0, %0" : "=r"(value));
    return value;
}

static inline uint64_t read_cr2(void)
{
    uint64_t value;

    __asm__ volatile("mov %%cr2, %0" : "=r"(value));
    return value;
}

static inline uint64_t read_cr3(void)
{
    uint64_t value;

    __asm__ volatile("mov %%cr3, %0" : "=r"(value));
    return value;
}

/* Switches page tables; also flushes every non-global TLB entry. */
static inline void write_cr3(uint64_t value)
{
    __asm__ volatile("mov %0, %%cr3" : : "r"(value) : "memory");
}

static inline uint64_t read_cr4(void)
{
    uint64_t value;

    __asm__ volatile("mov %%cr4, %0" : "=r"(value));
    return value;
}

static inline uint64_t read_msr(uint32_t msr)
{
    uint32_t low, high;

    __asm__ volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
    return (uint64_t)high << 32 | low;
}

/* EDX of CPUID leaf `leaf` (subleaf 0): where the feature bits longboot needs live. */
static inline uint32_t cpuid_edx(uint32_t leaf)
{
    uint32_t eax = leaf, ebx, ecx = 0, edx;

    __asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
    return edx;
}

static inline uint16_t read_cs(void)
{
    uint16_t selector;

    __asm__ volatile("mov %%cs, %0" : "=r"(selector));
    return selector;
}

/* The GDTR as SGDT stores it: limit, then base, with no padding. */
struct __attribute__((packed)) descriptor_table_register {
    uint16_t limit;
    uint64_t base;
};

static inline struct descriptor_table_register read_gdtr(void)
{
    struct descriptor_table_register gdtr;

    __asm__ volatile("sgdt %0" : "=m"(gdtr));
    return gdtr;
}

/* Interrupts off, then halt; the loop catches an NMI's return. */
static inline noreturn void halt_forever(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

#endif
