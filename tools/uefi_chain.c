/*
 * uefi_chain.c: a test tool that starts our UEFI loader the way a boot
 * entry with optional data (or a shell's command line) does: with load
 * options, which OVMF's removable-media boot never passes. It loads
 * CHAIN_LOADER_PATH from its own EFI system partition, sets the child's
 * load options to CHAIN_LOAD_OPTIONS (UEFI 2.9 §9.1: the caller may, before
 * StartImage) and starts it. src/loader/uefi/uefi.mk builds it onto an
 * image with the loader and the kernel (make esp-chain-image);
 * tests/boot/test_uefi_loader.py boots it.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/drivers/serial.h"
#include "loader/uefi/efi.h"

#define CHAIN_LOADER_PATH u"\\EFI\\longboot\\loader.efi"
#define CHAIN_LOAD_OPTIONS u"fault=ud  tab:\there"
#define PATH_ROOM 512  /* bytes for the ESP's device path and the file node */

static const struct efi_guid loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
static const struct efi_guid device_path_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;

static _Noreturn void fail(const char *what, size_t length)
{
    serial_write(what, length);
    for (;;)
        __asm__ volatile("cli; hlt");
}
#define FAIL(text) fail(text "\n", sizeof text)

static uint16_t node_length(const struct efi_device_path *node)
{
    return (uint16_t)(node->length[0] | node->length[1] << 8);
}

static void set_node(struct efi_device_path *node, uint8_t type, uint8_t subtype, size_t length)
{
    node->type = type;
    node->subtype = subtype;
    node->length[0] = (uint8_t)length;
    node->length[1] = (uint8_t)(length >> 8);
}

/* The partition's device path, then a file node for CHAIN_LOADER_PATH, then the end. */
static const struct efi_device_path *loader_path(const struct efi_device_path *partition)
{
    static _Alignas(8) uint8_t path[PATH_ROOM];
    static const efi_char16 file[] = CHAIN_LOADER_PATH;
    size_t used = 0;

    for (const uint8_t *at = (const void *)partition;
         ((const struct efi_device_path *)(const void *)at)->type != EFI_DEVICE_PATH_END;) {
        uint16_t length = node_length((const void *)at);
        if (length < sizeof(struct efi_device_path) ||
            used + length + sizeof(struct efi_device_path) + sizeof file + 4 > PATH_ROOM)
            FAIL("uefi_chain: the partition's device path is malformed or too long");
        for (uint16_t i = 0; i < length; i++)
            path[used++] = at[i];
        at += length;
    }
    set_node((void *)(path + used), EFI_DEVICE_PATH_MEDIA, EFI_DEVICE_PATH_FILE_PATH,
             sizeof(struct efi_device_path) + sizeof file);
    used += sizeof(struct efi_device_path);
    for (size_t i = 0; i < sizeof file; i++)
        path[used++] = ((const uint8_t *)file)[i];
    set_node((void *)(path + used), EFI_DEVICE_PATH_END, EFI_DEVICE_PATH_END_ENTIRE,
             sizeof(struct efi_device_path));
    return (const void *)path;
}

efi_status efi_main(efi_handle image, struct efi_system_table *st)
{
    static efi_char16 options[] = CHAIN_LOAD_OPTIONS;
    struct efi_boot_services *bs = st->boot_services;
    struct efi_loaded_image *self, *child_image;
    struct efi_device_path *partition;
    efi_handle child;

    serial_init();
    if (bs->handle_protocol(image, &loaded_image_guid, (void **)&self) != EFI_SUCCESS ||
        bs->handle_protocol(self->device_handle, &device_path_guid, (void **)&partition) !=
            EFI_SUCCESS)
        FAIL("uefi_chain: no device path for the boot partition");
    if (bs->load_image(0, image, loader_path(partition), NULL, 0, &child) != EFI_SUCCESS)
        FAIL("uefi_chain: cannot load the loader from the boot partition");
    if (bs->handle_protocol(child, &loaded_image_guid, (void **)&child_image) != EFI_SUCCESS)
        FAIL("uefi_chain: the loaded loader has no Loaded Image protocol");
    child_image->load_options = options;
    child_image->load_options_size = sizeof options;
    bs->start_image(child, NULL, NULL);
    FAIL("uefi_chain: the loader returned");
}
