/*
 * multiboot2.h: Multiboot2 numbers shared by the C code and the assembly.
 *
 * Names follow GRUB's multiboot2.h with a MULTIBOOT2_ prefix; layouts and
 * GRUB 2.06 quirks are in docs/multiboot2.md. The build turns every #define
 * line below into a NASM %define, so this file holds nothing but
 * `#define NAME value` lines whose values are valid in both C and NASM
 * (plain integers, no suffixes or casts).
 */
#ifndef MULTIBOOT2_H
#define MULTIBOOT2_H

#define MULTIBOOT2_HEADER_MAGIC 0xE85250D6 /* first u32 of the OS image header */
#define MULTIBOOT2_BOOTLOADER_MAGIC 0x36D76289 /* in EAX at entry */
#define MULTIBOOT2_ARCHITECTURE_I386 0 /* 32-bit protected mode entry */
#define MULTIBOOT2_SEARCH 32768 /* the header must lie in the first 32 KiB of the file */
#define MULTIBOOT2_HEADER_ALIGN 8 /* header and each header tag start 8-byte aligned */
#define MULTIBOOT2_TAG_ALIGN 8 /* each boot-information tag starts 8-byte aligned */

#define MULTIBOOT2_HEADER_TAG_END 0 /* ends the header tag list */
#define MULTIBOOT2_HEADER_TAG_INFORMATION_REQUEST 1 /* boot-info tag types wanted */
#define MULTIBOOT2_HEADER_TAG_ADDRESS 2 /* load addresses for non-ELF images */
#define MULTIBOOT2_HEADER_TAG_ENTRY_ADDRESS 3 /* 32-bit physical entry point */
#define MULTIBOOT2_HEADER_TAG_CONSOLE_FLAGS 4 /* console requirements */
#define MULTIBOOT2_HEADER_TAG_FRAMEBUFFER 5 /* preferred framebuffer mode */
#define MULTIBOOT2_HEADER_TAG_MODULE_ALIGN 6 /* page-align modules */
#define MULTIBOOT2_HEADER_TAG_EFI_BS 7 /* may start with EFI boot services active */
#define MULTIBOOT2_HEADER_TAG_ENTRY_ADDRESS_EFI32 8 /* EFI IA-32 entry (GRUB x86: unsupported) */
#define MULTIBOOT2_HEADER_TAG_ENTRY_ADDRESS_EFI64 9 /* EFI x86-64 entry */
#define MULTIBOOT2_HEADER_TAG_RELOCATABLE 10 /* image may be loaded in a range */
#define MULTIBOOT2_HEADER_TAG_OPTIONAL 1 /* header tag flags bit 0: loader may ignore the tag */

#define MULTIBOOT2_CONSOLE_FLAGS_CONSOLE_REQUIRED 1 /* tag 4 bit 0: fail if no console */
#define MULTIBOOT2_CONSOLE_FLAGS_EGA_TEXT_SUPPORTED 2 /* tag 4 bit 1: image can use EGA text */

#define MULTIBOOT2_LOAD_PREFERENCE_NONE 0 /* tag 10 preference */
#define MULTIBOOT2_LOAD_PREFERENCE_LOW 1 /* tag 10: lowest suitable address */
#define MULTIBOOT2_LOAD_PREFERENCE_HIGH 2 /* tag 10: highest suitable address */

#define MULTIBOOT2_TAG_TYPE_END 0 /* ends the boot-information tag list */
#define MULTIBOOT2_TAG_TYPE_CMDLINE 1 /* boot command line */
#define MULTIBOOT2_TAG_TYPE_BOOT_LOADER_NAME 2 /* boot loader name */
#define MULTIBOOT2_TAG_TYPE_MODULE 3 /* one loaded module */
#define MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO 4 /* mem_lower, mem_upper in KiB */
#define MULTIBOOT2_TAG_TYPE_BOOTDEV 5 /* BIOS boot device */
#define MULTIBOOT2_TAG_TYPE_MMAP 6 /* memory map */
#define MULTIBOOT2_TAG_TYPE_VBE 7 /* VBE controller and mode information */
#define MULTIBOOT2_TAG_TYPE_FRAMEBUFFER 8 /* framebuffer information */
#define MULTIBOOT2_TAG_TYPE_ELF_SECTIONS 9 /* ELF section headers */
#define MULTIBOOT2_TAG_TYPE_APM 10 /* APM table */
#define MULTIBOOT2_TAG_TYPE_EFI32 11 /* EFI 32-bit system table pointer */
#define MULTIBOOT2_TAG_TYPE_EFI64 12 /* EFI 64-bit system table pointer */
#define MULTIBOOT2_TAG_TYPE_SMBIOS 13 /* SMBIOS tables */
#define MULTIBOOT2_TAG_TYPE_ACPI_OLD 14 /* copy of the ACPI 1.0 RSDP */
#define MULTIBOOT2_TAG_TYPE_ACPI_NEW 15 /* copy of the ACPI 2.0+ RSDP */
#define MULTIBOOT2_TAG_TYPE_NETWORK 16 /* DHCP ACK packet */
#define MULTIBOOT2_TAG_TYPE_EFI_MMAP 17 /* EFI memory map */
#define MULTIBOOT2_TAG_TYPE_EFI_BS 18 /* EFI boot services not terminated */
#define MULTIBOOT2_TAG_TYPE_EFI32_IH 19 /* EFI 32-bit image handle */
#define MULTIBOOT2_TAG_TYPE_EFI64_IH 20 /* EFI 64-bit image handle */
#define MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR 21 /* physical load base of the image */

#define MULTIBOOT2_MEMORY_AVAILABLE 1 /* memory map: usable RAM */
#define MULTIBOOT2_MEMORY_RESERVED 2 /* memory map: reserved */
#define MULTIBOOT2_MEMORY_ACPI_RECLAIMABLE 3 /* memory map: ACPI tables, reusable once read */
#define MULTIBOOT2_MEMORY_NVS 4 /* memory map: ACPI NVS, preserve on hibernation */
#define MULTIBOOT2_MEMORY_BADRAM 5 /* memory map: defective RAM */

#define MULTIBOOT2_FRAMEBUFFER_TYPE_INDEXED 0 /* palette-indexed colours */
#define MULTIBOOT2_FRAMEBUFFER_TYPE_RGB 1 /* direct RGB colour */
#define MULTIBOOT2_FRAMEBUFFER_TYPE_EGA_TEXT 2 /* EGA text mode */

#endif
