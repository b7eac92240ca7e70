/*
 * selftest.c: checks of the machine state the trampoline hands to kmain.
 *
 * Each check reads the state back from the CPU itself rather than trusting
 * the code that set it, so a boot test can assert the serial log: long
 * mode is really active, CS really is a 64-bit segment, and the page
 * tables CR3 points to really map 0 to BOOT_IDENTITY_MAP_GIB GiB onto
 * itself with the rights paging.c meant for each part of the kernel. The
 * page walk is page_tables_lookup, from the module that built the tables,
 * so a bit both misread would pass here; the fault= boot tests, where the
 * CPU itself enforces the rights, are what catch that.
 */
#include "kernel/selftest.h"

#include <stdbool.h>

#include "arch/x86_64/boot.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/paging/page_tables.h"
#include "arch/x86_64/paging/paging.h"
#include "arch/x86_64/x86.h"
#include "kernel/console/console.h"

#define SELECTOR_INDEX_MASK 0xFFF8 /* selector bits 3-15: byte offset into the GDT */

static int failures;
static bool boot_tables_identity_mapped;

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
/* boot32.asm sets CR4.MCE where the CPU has it, so that a machine check raises #MC. */
static bool mce_matches_cpuid(void)
{
    bool has_mce = cpuid_edx(CPUID_LEAF_FEATURES) & CPUID_FEATURES_EDX_MCE;
    bool mce = read_cr4() & CR4_MCE;

    return has_mce == mce;
}

static bool nx_matches_cpuid(void)
{
    bool has_nx = cpuid_edx(CPUID_LEAF_EXTENDED_FEATURES) & CPUID_EXTENDED_EDX_NX;
    bool nxe = paging_nx_enabled();

    return has_nx == nxe;
}

/*
 * Walks the live tables (CR3) for every page below the identity-map limit:
 * each one present maps itself, but for page 0 and the stack guard, which
 * must be absent. Identity mapping is what lets the walk follow the
 * tables' physical addresses.
 */
static bool identity_map_is_complete(const uint64_t *pml4, const struct kernel_layout *layout)
{
    for (uint64_t address = 0; address < IDENTITY_MAP_END;) {
        struct page_mapping page = page_tables_lookup(pml4, address);
        bool hole = address == 0 || address == layout->stack_guard;

        if (page.present == hole || (page.present && page.physical != address))
            return false;
        address += page.present ? page.page_size : PAGE_SIZE_4K;
    }
    return true;
}

/* The boot tables map every 2 MiB page below the identity-map limit onto
 * itself (with whatever page sizes and rights they chose). */
void selftest_check_boot_tables(void)
{
    const uint64_t *pml4 = (const uint64_t *)(uintptr_t)(read_cr3() & PAGE_ADDRESS_MASK);

    boot_tables_identity_mapped = true;
    for (uint64_t address = 0; address < IDENTITY_MAP_END; address += PAGE_SIZE_2M) {
        struct page_mapping page = page_tables_lookup(pml4, address);

        if (!page.present || page.physical != address)
            boot_tables_identity_mapped = false;
    }
}

/* Every page of [start, end) has exactly these rights. */
static bool pages_have_rights(const uint64_t *pml4, uint64_t start, uint64_t end, bool writable,
                              bool executable)
{
    for (uint64_t address = start; address < end; address += PAGE_SIZE_4K) {
        struct page_mapping page = page_tables_lookup(pml4, address);

        if (!page.present || page.writable != writable || page.executable != executable)
            return false;
    }
    return true;
}

static uint16_t read_task_register(void)
{
    uint16_t selector;

    __asm__ volatile("str %0" : "=r"(selector));
    return selector;
}

int selftest_run(uintptr_t kmain_frame)
{
    const uint64_t *pml4 = (const uint64_t *)(uintptr_t)(read_cr3() & PAGE_ADDRESS_MASK);
    struct kernel_layout layout = paging_kernel_layout();
    bool nx = paging_nx_enabled();

    failures = 0;
    report("CR0.PG paging on", read_cr0() & CR0_PG, "CR0.PG is clear");
    report("CR0.WP write protection on", read_cr0() & CR0_WP, "CR0.WP is clear");
    report("CR4.PAE on", read_cr4() & CR4_PAE, "CR4.PAE is clear");
    report("CR4.MCE set exactly when CPUID has MCE", mce_matches_cpuid(),
           "CR4.MCE differs from CPUID 1 EDX.MCE");
    report("EFER.LMA long mode active", read_msr(MSR_EFER) & EFER_LMA, "EFER.LMA is clear");
    report("EFER.NXE set exactly when CPUID has NX", nx_matches_cpuid(),
           "EFER.NXE differs from CPUID 0x80000001 EDX.NX");
    report("CS is a 64-bit code segment", cs_is_64_bit(), "CS descriptor has L=0 or D=1");
    report("boot page tables identity-mapped 0-4 GiB", boot_tables_identity_mapped,
           "the tables the kernel was entered with miss a 2 MiB page or map it elsewhere");
    report("0-4 GiB identity-mapped, page 0 and the stack guard absent",
           identity_map_is_complete(pml4, &layout),
           "a page is missing, maps elsewhere, or page 0 or the guard is mapped");
    report(".text read + execute", pages_have_rights(pml4, layout.text_start,
           layout.rodata_start, false, true), "a .text page is writable or not executable");
    report(".rodata read only", pages_have_rights(pml4, layout.rodata_start,
           layout.data_start, false, !nx), "a .rodata page is writable or executable");
    report(".data and .bss read + write",
           pages_have_rights(pml4, layout.data_start, layout.stack_guard, true, !nx) &&
           pages_have_rights(pml4, layout.stack_guard + PAGE_SIZE_4K, layout.image_end, true, !nx),
           "a .data/.bss page is read-only or executable");
    report("task register loaded for the double-fault stack", read_task_register() != 0,
           "TR is 0: no TSS, so a stack overflow would triple-fault");
    report("RSP 16-byte aligned at kmain", kmain_frame % BOOT_STACK_ALIGN == 0,
           "the call into kmain broke the System V alignment");
    return failures;
}
