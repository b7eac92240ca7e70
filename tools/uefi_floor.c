/*
 * uefi_floor.c: the floor of `make compare`'s UEFI boots: an EFI
 * application that only writes "Hello World!" on COM1 and halts, so its
 * boot time is the firmware's alone (src/loader/uefi/uefi.mk builds it
 * with the loader's flags, onto an image of its own).
 */
#include "arch/x86_64/drivers/serial.h"
#include "loader/uefi/efi.h"

#define MESSAGE "Hello World!\n"

/* The firmware calls it with the image handle and the system table, neither needed. */
efi_status efi_main(efi_handle image, struct efi_system_table *st)
{
    (void)image;
    (void)st;
    serial_init();
    serial_write(MESSAGE, sizeof MESSAGE - 1);
    for (;;)
        __asm__ volatile("cli; hlt");
}
