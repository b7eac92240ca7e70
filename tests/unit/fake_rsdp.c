/*
 * fake_rsdp.c: the RSDP fake_rsdp.h describes, laid out as ACPI 6.4
 * 5.2.5.3 gives it.
 */
#include "fake_rsdp.h"

#include <string.h>

void fake_rsdp(uint8_t *rsdp, uint8_t revision)
{
    uint8_t sum = 0;
    uint32_t rsdt = FAKE_RSDP_RSDT, length = FAKE_RSDP_V2_SIZE;
    uint64_t xsdt = FAKE_RSDP_XSDT;

    memset(rsdp, 0, FAKE_RSDP_V2_SIZE);
    memcpy(rsdp, "RSD PTR ", 8);
    memcpy(rsdp + 9, "BOCHS ", 6);
    rsdp[15] = revision;
    memcpy(rsdp + 16, &rsdt, 4);
    if (revision >= 2) {
        memcpy(rsdp + 20, &length, 4);
        memcpy(rsdp + 24, &xsdt, 8);
    }
    for (int i = 0; i < FAKE_RSDP_V1_SIZE; i++)
        sum = (uint8_t)(sum + rsdp[i]);
    rsdp[8] = (uint8_t)-sum;
}
