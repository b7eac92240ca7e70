/*
 * efi.h: the UEFI types, protocols and numbers longboot's UEFI loader
 * and its test tool tools/uefi_chain.c use, and nothing else (UEFI
 * Specification 2.9; docs/uefi.md names the sections). Tables list every
 * member up to the last one we call, so the offsets are right; members we
 * never call are plain pointers.
 *
 * The loader is built for the x86-64 UEFI calling convention (Microsoft
 * x64: clang's -target x86_64-unknown-windows), so the function pointers
 * below need no attribute. Host tests include this header only for the
 * memory descriptor, which has no functions.
 */
#ifndef LOADER_UEFI_EFI_H
#define LOADER_UEFI_EFI_H

#include <stdint.h>

typedef uint64_t efi_status;  /* UINTN: the high bit marks an error */
typedef void *efi_handle;
typedef uint16_t efi_char16;  /* UCS-2 text, as in every UEFI string */

#define EFI_SUCCESS 0
#define EFI_ERROR_BIT ((uint64_t)1 << 63)
#define EFI_INVALID_PARAMETER (EFI_ERROR_BIT | 2)
#define EFI_BUFFER_TOO_SMALL (EFI_ERROR_BIT | 5)

#define EFI_PAGE_SIZE 4096

struct efi_guid {
    uint32_t data1;
    uint16_t data2, data3;
    uint8_t data4[8];
};

struct efi_table_header {
    uint64_t signature;
    uint32_t revision, header_size, crc32, reserved;
};

/* §7.2 AllocatePages: how `memory` is read. */
enum efi_allocate_type {
    EFI_ALLOCATE_ANY_PAGES,
    EFI_ALLOCATE_MAX_ADDRESS,  /* anywhere at or below *memory */
    EFI_ALLOCATE_ADDRESS,      /* exactly at *memory */
};

/* §7.2 EFI_MEMORY_TYPE: what a memory descriptor says its pages are. */
enum efi_memory_type {
    EFI_RESERVED_MEMORY_TYPE,
    EFI_LOADER_CODE,
    EFI_LOADER_DATA,
    EFI_BOOT_SERVICES_CODE,
    EFI_BOOT_SERVICES_DATA,
    EFI_RUNTIME_SERVICES_CODE,
    EFI_RUNTIME_SERVICES_DATA,
    EFI_CONVENTIONAL_MEMORY,
    EFI_UNUSABLE_MEMORY,
    EFI_ACPI_RECLAIM_MEMORY,
    EFI_ACPI_MEMORY_NVS,
    EFI_MEMORY_MAPPED_IO,
    EFI_MEMORY_MAPPED_IO_PORT_SPACE,
    EFI_PAL_CODE,
    EFI_PERSISTENT_MEMORY,
    EFI_MEMORY_TYPE_COUNT  /* types from here up are not defined by 2.9 */
};

/* §7.2 GetMemoryMap: one descriptor. Firmware returns them
 * descriptor_size bytes apart, which may be more than this struct. */
struct efi_memory_descriptor {
    uint32_t type;
    uint64_t physical_start, virtual_start, number_of_pages, attribute;
};

/* §10.2 EFI_DEVICE_PATH_PROTOCOL: a path is nodes, each starting with
 * this header (length counts the header), up to an end node. */
#define EFI_DEVICE_PATH_PROTOCOL_GUID \
    { 0x09576E91, 0x6D3F, 0x11D2, { 0x8E, 0x39, 0x00, 0xA0, 0xC9, 0x69, 0x72, 0x3B } }
#define EFI_DEVICE_PATH_MEDIA 4        /* type: media (a file, a partition) */
#define EFI_DEVICE_PATH_FILE_PATH 4    /* media subtype: a UCS-2 path, NUL-terminated */
#define EFI_DEVICE_PATH_END 0x7F       /* type of the node that ends a path */
#define EFI_DEVICE_PATH_END_ENTIRE 0xFF
struct efi_device_path {
    uint8_t type, subtype;
    uint8_t length[2];  /* little-endian u16, unaligned */
};

struct efi_boot_services {
    struct efi_table_header header;
    void *raise_tpl, *restore_tpl;
    efi_status (*allocate_pages)(enum efi_allocate_type type, enum efi_memory_type memory_type,
                                 uint64_t pages, uint64_t *memory);
    void *free_pages;
    efi_status (*get_memory_map)(uint64_t *map_size, struct efi_memory_descriptor *map,
                                 uint64_t *map_key, uint64_t *descriptor_size,
                                 uint32_t *descriptor_version);
    void *allocate_pool, *free_pool;
    void *create_event, *set_timer, *wait_for_event, *signal_event, *close_event, *check_event;
    void *install_protocol_interface, *reinstall_protocol_interface;
    void *uninstall_protocol_interface;
    efi_status (*handle_protocol)(efi_handle handle, const struct efi_guid *protocol,
                                  void **interface);
    void *reserved, *register_protocol_notify, *locate_handle, *locate_device_path;
    void *install_configuration_table;
    efi_status (*load_image)(uint8_t boot_policy, efi_handle parent,
                             const struct efi_device_path *path, void *source, uint64_t size,
                             efi_handle *image);
    efi_status (*start_image)(efi_handle image, uint64_t *exit_data_size, efi_char16 **exit_data);
    void *exit, *unload_image;
    efi_status (*exit_boot_services)(efi_handle image, uint64_t map_key);
    void *get_next_monotonic_count, *stall;
    efi_status (*set_watchdog_timer)(uint64_t timeout, uint64_t code, uint64_t data_size,
                                     efi_char16 *data);
    void *connect_controller, *disconnect_controller;
    void *open_protocol, *close_protocol, *open_protocol_information;
    void *protocols_per_handle, *locate_handle_buffer;
    efi_status (*locate_protocol)(const struct efi_guid *protocol, void *registration,
                                  void **interface);
};

/* §12.4 EFI_SIMPLE_TEXT_OUTPUT_PROTOCOL: the firmware's console. */
struct efi_simple_text_output {
    void *reset;
    efi_status (*output_string)(struct efi_simple_text_output *self, const efi_char16 *text);
};

/* §4.6 EFI_CONFIGURATION_TABLE: tables the firmware publishes, by GUID. */
struct efi_configuration_table {
    struct efi_guid vendor_guid;
    void *vendor_table;
};

/* §4.3 EFI_SYSTEM_TABLE. */
struct efi_system_table {
    struct efi_table_header header;
    efi_char16 *firmware_vendor;
    uint32_t firmware_revision;
    efi_handle console_in_handle;
    void *con_in;
    efi_handle console_out_handle;
    struct efi_simple_text_output *con_out;
    efi_handle standard_error_handle;
    void *std_err;
    void *runtime_services;
    struct efi_boot_services *boot_services;
    uint64_t number_of_table_entries;
    struct efi_configuration_table *configuration_table;
};

/* §9.1 EFI_LOADED_IMAGE_PROTOCOL: where this application came from. */
#define EFI_LOADED_IMAGE_PROTOCOL_GUID \
    { 0x5B1B31A1, 0x9562, 0x11D2, { 0x8E, 0x3F, 0x00, 0xA0, 0xC9, 0x69, 0x72, 0x3B } }
struct efi_loaded_image {
    uint32_t revision;
    efi_handle parent_handle;
    struct efi_system_table *system_table;
    efi_handle device_handle;  /* the device (the ESP) it was loaded from */
    const struct efi_device_path *file_path;  /* the loader's file on that device */
    void *reserved;
    uint32_t load_options_size;  /* bytes */
    void *load_options;          /* UCS-2 text when started by the boot manager or a shell */
};

/* §13.5 EFI_FILE_PROTOCOL: an open file or directory. */
#define EFI_FILE_MODE_READ 1
#define EFI_FILE_POSITION_END UINT64_MAX  /* SetPosition: go to the end of the file */
struct efi_file {
    uint64_t revision;
    efi_status (*open)(struct efi_file *self, struct efi_file **opened, const efi_char16 *name,
                       uint64_t mode, uint64_t attributes);
    efi_status (*close)(struct efi_file *self);
    void *delete_file;
    efi_status (*read)(struct efi_file *self, uint64_t *size, void *buffer);
    void *write;
    efi_status (*get_position)(struct efi_file *self, uint64_t *position);
    efi_status (*set_position)(struct efi_file *self, uint64_t position);
};

/* §13.4 EFI_SIMPLE_FILE_SYSTEM_PROTOCOL: a FAT volume such as the ESP. */
#define EFI_SIMPLE_FILE_SYSTEM_PROTOCOL_GUID \
    { 0x964E5B22, 0x6459, 0x11D2, { 0x8E, 0x39, 0x00, 0xA0, 0xC9, 0x69, 0x72, 0x3B } }
struct efi_simple_file_system {
    uint64_t revision;
    efi_status (*open_volume)(struct efi_simple_file_system *self, struct efi_file **root);
};

/* §12.9 EFI_GRAPHICS_OUTPUT_PROTOCOL: the display and its framebuffer. */
#define EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID \
    { 0x9042A9DE, 0x23DC, 0x4A38, { 0x96, 0xFB, 0x7A, 0xDE, 0xD0, 0x80, 0x51, 0x6A } }
enum efi_pixel_format {
    EFI_PIXEL_RED_GREEN_BLUE_RESERVED_8BIT,  /* byte 0 red, 1 green, 2 blue */
    EFI_PIXEL_BLUE_GREEN_RED_RESERVED_8BIT,  /* byte 0 blue, 1 green, 2 red */
    EFI_PIXEL_BIT_MASK,                      /* the masks in pixel_information */
    EFI_PIXEL_BLT_ONLY,                      /* no framebuffer at all */
};
struct efi_pixel_bitmask {
    uint32_t red, green, blue, reserved;
};
struct efi_graphics_output_mode_information {
    uint32_t version, horizontal_resolution, vertical_resolution;
    enum efi_pixel_format pixel_format;
    struct efi_pixel_bitmask pixel_information;
    uint32_t pixels_per_scan_line;
};
struct efi_graphics_output_mode {
    uint32_t max_mode, mode;
    struct efi_graphics_output_mode_information *info;
    uint64_t size_of_info;
    uint64_t frame_buffer_base, frame_buffer_size;
};
struct efi_graphics_output {
    void *query_mode, *set_mode, *blt;
    struct efi_graphics_output_mode *mode;
};

/* §4.6: the ACPI RSDP in the configuration table (ACPI 2.0+, then 1.0). */
#define EFI_ACPI_20_TABLE_GUID \
    { 0x8868E871, 0xE4F1, 0x11D3, { 0xBC, 0x22, 0x00, 0x80, 0xC7, 0x3C, 0x88, 0x81 } }
#define EFI_ACPI_10_TABLE_GUID \
    { 0xEB9D2D30, 0x2D88, 0x11D3, { 0x9A, 0x16, 0x00, 0x90, 0x27, 0x3F, 0xC1, 0x4D } }

#endif
