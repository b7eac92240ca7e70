/*
 * selftest.c: checks of the machine state the trampoline hands to kmain.
 *
 * Each check reads the state back from the CPU itself rather than trusting
 * the assembly, so a boot test can assert the serial log: long mode is
 * really active, CS really is a 64-bit segment, and the page tables CR3
 * points to really map 0 to BOOT_IDENTITY_MAP_GIB GiB onto itself.
 */
#include "selftest.h"

#include <stdbool.h>

#include "boot.h"
#include "console.h"
#include "cpu.h"
#include "x86.h"

#define SELECTOR_INDEX_MASK 0xFFF8 /* selector bits 3-15: byte offset into the GDT */

static int failures;

static void report(const char *name, bool ok, const char *why)
{
    if (ok) {
        klog("selftest: %s: ok\n", name);
    } else {
        klog("selftest: %s: FAILED (%s)\n", name, why);
        failures++;
    }
}

static bool cs_is_64_bit(void)
{
    struct descriptor_table_register gdtr = read_gdtr();
    uint16_t offset = read_cs() & SELECTOR_INDEX_MASK;
    uint64_t descriptor;

    if (offset + sizeof descriptor - 1 > gdtr.limit)
        return false;
    descriptor = *(const uint64_t *)(uintptr_t)(gdtr.base + offset);
    return (descriptor & SEGMENT_LONG_MODE) && !(descriptor & SEGMENT_DEFAULT_32);
}

/* boot32.asm sets NXE where the CPU has NX and clears what firmware left elsewhere. */
static bool nx_matches_cpuid(void)
{
    bool has_nx = cpuid_edx(CPUID_LEAF_EXTENDED_FEATURES) & CPUID_EXTENDED_EDX_NX;
    bool nxe = read_msr(MSR_EFER) & EFER_NXE;

    return has_nx == nxe;
}

static const uint64_t *table_at(uint64_t entry)
{
    return (const uint64_t *)(uintptr_t)(entry & PAGE_ADDRESS_MASK);
}

/*
 * Walks PML4 -> PDPT -> PD for every 2 MiB page below the identity-map
 * limit and checks it is present, writable, huge and maps itself.
 * Identity mapping is what lets us follow the tables' physical addresses.
 */
static bool identity_map_is_complete(void)
{
    const uint64_t *pml4 = table_at(read_cr3());
    const uint64_t table_flags = PAGE_PRESENT | PAGE_WRITABLE;
    const uint64_t page_flags = table_flags | PAGE_HUGE;

    if ((pml4[0] & table_flags) != table_flags)
        return false;
    const uint64_t *pdpt = table_at(pml4[0]);
    for (unsigned gib = 0; gib < BOOT_IDENTITY_MAP_GIB; gib++) {
        if ((pdpt[gib] & table_flags) != table_flags || (pdpt[gib] & PAGE_HUGE))
            return false;
        const uint64_t *pd = table_at(pdpt[gib]);
        for (unsigned i = 0; i < PAGE_TABLE_ENTRIES; i++) {
            uint64_t expected = (uint64_t)gib * PAGE_SIZE_1G + (uint64_t)i * PAGE_SIZE_2M;
            if ((pd[i] & page_flags) != page_flags || (pd[i] & PAGE_ADDRESS_MASK) != expected)
                return false;
        }
    }
    return true;
}

int selftest_run(uintptr_t kmain_frame)
{
    failures = 0;
    report("CR0.PG paging on", read_cr0() & CR0_PG, "CR0.PG is clear");
    report("CR0.WP write protection on", read_cr0() & CR0_WP, "CR0.WP is clear");
    report("CR4.PAE on", read_cr4() & CR4_PAE, "CR4.PAE is clear");
    report("EFER.LMA long mode active", read_msr(MSR_EFER) & EFER_LMA, "EFER.LMA is clear");
    report("EFER.NXE set exactly when CPUID has NX", nx_matches_cpuid(),
           "EFER.NXE differs from CPUID 0x80000001 EDX.NX");
    report("CS is a 64-bit code segment", cs_is_64_bit(), "CS descriptor has L=0 or D=1");
    report("0-4 GiB identity-mapped", identity_map_is_complete(),
           "a 2 MiB page is missing or maps elsewhere");
    report("RSP 16-byte aligned at kmain", kmain_frame % BOOT_STACK_ALIGN == 0,
           "the call into kmain broke the System V alignment");
    return failures;
}
