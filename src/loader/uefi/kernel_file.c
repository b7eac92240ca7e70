/*
 * kernel_file.c: reads the kernel file from the EFI system partition the
 * loader was started from: the device handle that the Loaded Image
 * protocol named, its Simple File System protocol, the volume's root
 * directory, then UEFI_KERNEL_PATH (UEFI 2.9 §13.4, §13.5).
 */
#include "loader/uefi/loader.h"

#include "loader/uefi/console.h"

void kernel_file_read(struct efi_boot_services *bs, efi_handle device, uint8_t **file,
                      size_t *size)
{
    static const struct efi_guid file_system_guid = EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID;
    struct efi_simple_file_system *file_system;
    struct efi_file *root, *kernel;
    uint64_t end, address, read;

    console_check(bs->handle_protocol(device, &file_system_guid, (void **)&file_system),
                  "the boot device has no file system the firmware can read");
    console_check(file_system->open_volume(file_system, &root),
                  "cannot open the boot partition's file system");
    console_check(root->open(root, &kernel, UEFI_KERNEL_PATH, EFI_FILE_MODE_READ, 0),
                  "cannot open " UEFI_KERNEL_PATH_TEXT " on the boot partition");

    /* Setting the position to the end of the file gives its size (§13.5 SetPosition). */
    console_check(kernel->set_position(kernel, EFI_FILE_POSITION_END),
                  "cannot find the kernel file's size");
    console_check(kernel->get_position(kernel, &end), "cannot find the kernel file's size");
    console_check(kernel->set_position(kernel, 0), "cannot read the kernel file");
    console_check(bs->allocate_pages(EFI_ALLOCATE_ANY_PAGES, EFI_LOADER_DATA,
                                     (end + EFI_PAGE_SIZE - 1) / EFI_PAGE_SIZE, &address),
                  "no memory for the kernel file");

    /* Read may return fewer bytes than asked for; 0 means the end. */
    for (uint64_t done = 0; done < end; done += read) {
        read = end - done;
        console_check(kernel->read(kernel, &read, (uint8_t *)address + done),
                      "cannot read the kernel file");
        if (read == 0)
            console_fail("the kernel file ended before its size");
    }
    kernel->close(kernel);
    root->close(root);
    *file = (uint8_t *)address;
    *size = end;
}
