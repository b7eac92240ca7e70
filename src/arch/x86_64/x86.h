/*
 * x86.h: architectural numbers of the x86-64 CPU that longboot touches,
 * with the names the Intel SDM uses.
 *
 * Shared with the assembly: the build turns every `#define NAME value`
 * line here into a NASM `%define` (tools/h2inc.sed), so values are plain
 * hex literals, valid in both languages, and nothing else goes here.
 */
#ifndef X86_H
#define X86_H

/* Control registers (SDM Vol. 3A, 2.5). */
#define CR0_PE 0x00000001 /* bit 0: protected mode */
#define CR0_WP 0x00010000 /* bit 16: write protect, honoured in ring 0 too */
#define CR0_PG 0x80000000 /* bit 31: paging */
#define CR4_PAE 0x00000020 /* bit 5: physical address extension */
#define CR4_MCE 0x00000040 /* bit 6: machine checks raise #MC instead of shutting the CPU down */
#define CR4_LA57 0x00001000 /* bit 12: 5-level paging; cannot change while paging is on */

/* Extended feature enable register (SDM Vol. 3A, 2.2.1). */
#define MSR_EFER 0xC0000080 /* model-specific register number */
#define MSR_PAT 0x277 /* IA32_PAT: the memory type of each of the 8 PAT entries */
#define PAT_ENTRY_BITS 8 /* each entry is one byte of IA32_PAT, type in bits 0-2 */
#define PAT_TYPE_MASK 0x07
#define PAT_TYPE_UC 0x00 /* uncacheable */
#define PAT_TYPE_UC_MINUS 0x07 /* uncacheable, but an MTRR may make it write-combining */
#define PAT_ENTRY_PCD 2 /* the entry a page with PCD set, PWT and PAT clear, uses */
#define EFER_LME 0x00000100 /* bit 8: long mode enable */
#define EFER_LMA 0x00000400 /* bit 10: long mode active, set by the CPU */
#define EFER_NXE 0x00000800 /* bit 11: no-execute page bit allowed */

/* EFLAGS (SDM Vol. 1, 3.4.3). */
#define EFLAGS_ID 0x00200000 /* bit 21: writable iff CPUID exists */

/* CPUID leaves and feature bits (SDM Vol. 2A, CPUID). */
#define CPUID_LEAF_FEATURES 0x00000001 /* standard feature flags */
#define CPUID_FEATURES_EDX_PAE 0x00000040 /* bit 6: PAE paging */
#define CPUID_FEATURES_EDX_MCE 0x00000080 /* bit 7: machine-check exception, CR4.MCE */
#define CPUID_FEATURES_EDX_MCA 0x00004000 /* bit 14: machine-check architecture, its MSR banks */
#define CPUID_LEAF_EXTENDED_MAX 0x80000000 /* highest extended leaf */
#define CPUID_LEAF_EXTENDED_FEATURES 0x80000001 /* extended feature flags */
#define CPUID_EXTENDED_EDX_NX 0x00100000 /* bit 20: no-execute bit */
#define CPUID_EXTENDED_EDX_LM 0x20000000 /* bit 29: 64-bit long mode */

/* 4-level paging entries (SDM Vol. 3A, 4.5). */
#define PAGE_PRESENT 0x001 /* bit 0: entry is valid */
#define PAGE_WRITABLE 0x002 /* bit 1: writes allowed */
#define PAGE_CACHE_DISABLE 0x010 /* bit 4 (PCD): with PWT clear, PAT entry 2, UC- by default */
#define PAGE_HUGE 0x080 /* bit 7 (PS): a PDPT/PD entry maps 1 GiB/2 MiB itself */
#define PAGE_NX 0x8000000000000000 /* bit 63 (XD): no instruction fetch; reserved unless EFER.NXE */
#define PAGE_ADDRESS_MASK 0x000FFFFFFFFFF000 /* bits 12-51: next table or page frame */
#define PAGE_TABLE_ENTRIES 512 /* entries in every level's 4 KiB table */
#define PAGE_TABLE_INDEX_BITS 9 /* address bits that pick an entry at each level */
#define PAGE_TABLE_SIZE 0x1000 /* bytes in one table, also its alignment */
#define PAGE_SIZE_4K 0x1000 /* bytes mapped by one page-table entry */
#define PAGE_SIZE_2M 0x200000 /* bytes mapped by one PAGE_HUGE PD entry */
#define PAGE_SIZE_1G 0x40000000 /* bytes mapped by one PDPT entry */

/* Segment descriptor bits, as bits of the 64-bit descriptor (SDM Vol. 3A, 3.4.5). */
#define SEGMENT_ACCESSED 0x0000010000000000 /* bit 40: set by the CPU on load; preset so it never writes the GDT */
#define SEGMENT_READ_WRITE 0x0000020000000000 /* bit 41: data writable / code readable */
#define SEGMENT_EXECUTABLE 0x0000080000000000 /* bit 43: code segment */
#define SEGMENT_CODE_DATA 0x0000100000000000 /* bit 44 (S): code or data, not system */
#define SEGMENT_PRESENT 0x0000800000000000 /* bit 47 (P): descriptor is valid */
#define SEGMENT_LONG_MODE 0x0020000000000000 /* bit 53 (L): 64-bit code segment */
#define SEGMENT_DEFAULT_32 0x0040000000000000 /* bit 54 (D/B): 32-bit code or stack; must be 0 when L is 1 */
#define SEGMENT_GRANULARITY_4K 0x0080000000000000 /* bit 55 (G): the limit counts 4 KiB units */
#define SEGMENT_LIMIT_MAX 0x000F00000000FFFF /* limit bits 0-15 and 48-51 all set: 4 GiB with G */

/* System-segment descriptor types, bits 40-43 (SDM Vol. 3A, 3.5 and 8.2.3). */
#define SEGMENT_TSS_AVAILABLE 0x0000090000000000 /* 64-bit TSS, not busy; LTR makes it busy */

/* Interrupt descriptor table (SDM Vol. 3A, 6.14.1). */
#define IDT_VECTORS 256 /* every vector an INT n or a stray interrupt can name */
#define IDT_EXCEPTION_VECTORS 32 /* vectors 0-31 are reserved for CPU exceptions */
#define IDT_GATE_INTERRUPT 0x0E /* type: interrupt gate (64-bit in long mode, else 32-bit), clears IF */
#define IDT_GATE_PRESENT 0x80 /* bit 7 of the type byte: gate is valid */
#define IDT_GATE32_SIZE 8 /* protected mode: offset 0-15, selector, 0, type, offset 16-31 */
#define IDT_GATE64_SIZE 16 /* long mode: the same 8 bytes, then offset 32-63 and a reserved dword */
#define IDT_GATE_OFFSET_LOW 0 /* byte offsets of a gate's fields, in both sizes */
#define IDT_GATE_SELECTOR 2
#define IDT_GATE_IST 4 /* long mode: interrupt-stack-table slot; protected mode: 0 */
#define IDT_GATE_TYPE 5
#define IDT_GATE_OFFSET_MIDDLE 6
#define IDT_GATE_OFFSET_HIGH 8
#define IDT_GATE_OFFSET_HALF_BITS 16 /* a 32-bit offset is split into two 16-bit fields */
#define EXCEPTIONS_WITH_ERROR_CODE 0x60227D00 /* bit v set: vector v pushes an error code (#DF 8, #TS-#PF 10-14, #AC 17, #CP 21, #VC 29, #SX 30) */
#define CPU_EXCEPTION_NMI 2 /* non-maskable interrupt: arrives even with IF clear */
#define CPU_EXCEPTION_DOUBLE_FAULT 8 /* #DF: a fault while delivering a fault */
#define CPU_EXCEPTION_PAGE_FAULT 14 /* #PF: CR2 holds the faulting address */
#define CPU_EXCEPTION_MACHINE_CHECK 18 /* #MC: the machine-check banks say what failed */
#define IVT_ENTRY_SIZE 4 /* real mode: vector n is a far pointer, offset then segment, at n * 4 */

/* Machine-check architecture (SDM Vol. 3B, 16.3). */
#define MSR_MCG_CAP 0x179 /* IA32_MCG_CAP: bits 0-7 count the error-reporting banks */
#define MCG_CAP_BANK_COUNT 0xFF /* mask of the bank count */
#define MSR_MC0_STATUS 0x401 /* IA32_MC0_STATUS; bank i's is 4 * i further */
#define MSR_MC_BANK_STRIDE 4 /* CTL, STATUS, ADDR, MISC per bank */
#define MC_STATUS_VALID 0x8000000000000000 /* bit 63 (VAL): the bank holds a logged error */

/* Page-fault error code bits (SDM Vol. 3A, 4.7). */
#define PF_ERROR_PRESENT 0x01 /* bit 0: a protection violation, not a missing page */
#define PF_ERROR_WRITE 0x02 /* bit 1: the access was a write */
#define PF_ERROR_USER 0x04 /* bit 2: the access came from ring 3 */
#define PF_ERROR_RESERVED 0x08 /* bit 3: a paging entry has a reserved bit set */
#define PF_ERROR_FETCH 0x10 /* bit 4: an instruction fetch */
#define PF_ERROR_PROTECTION_KEY 0x20 /* bit 5: a protection-key violation */
#define PF_ERROR_SHADOW_STACK 0x40 /* bit 6: a shadow-stack access */
#define PF_ERROR_SGX 0x8000 /* bit 15: an SGX access-control violation */

#endif
