/*
 * fake_rsdp.h: an ACPI RSDP as QEMU's firmware publishes it (OEM "BOCHS "),
 * for the tests of the boot information our loaders build.
 */
#ifndef FAKE_RSDP_H
#define FAKE_RSDP_H

#include <stdint.h>

#define FAKE_RSDP_V1_SIZE 20      /* ACPI 1.0: covered by the first checksum */
#define FAKE_RSDP_V2_SIZE 36      /* ACPI 2.0: length, XSDT address, extended checksum */
#define FAKE_RSDP_RSDT 0x7FE1AD8
#define FAKE_RSDP_XSDT 0x7FE1B00

/* Writes FAKE_RSDP_V2_SIZE bytes at rsdp: an RSDP of `revision` whose
 * first 20 bytes sum to 0; from revision 2 on, with its length and XSDT. */
void fake_rsdp(uint8_t *rsdp, uint8_t revision);

#endif
