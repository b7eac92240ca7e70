/*
 * main.c: longboot's UEFI loader, BOOTX64.EFI. The firmware calls
 * efi_main(); it reads kernel.elf from the EFI system partition it was
 * started from, checks and loads it as the BIOS loader does (loader/elf.h),
 * ends boot services and enters the kernel's 64-bit entry with a
 * Multiboot2 boot information. loader.h lists the steps.
 */
#include "loader/uefi/loader.h"

#include <stdbool.h>

#include "arch/x86_64/boot.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/x86.h"
#include "loader/elf.h"
#include "loader/memory.h"
#include "loader/uefi/boot_info.h"
#include "loader/uefi/console.h"
#include "loader/uefi/efi_map.h"
#include "loader/uefi/load_options.h"

#define BELOW_4_GIB 0xFFFFFFFF    /* AllocateMaxAddress: the boot information and hand-off */
#define MAP_SLACK_DESCRIPTORS 16  /* the map grows between sizing it and ending boot services */
#define EXIT_ATTEMPTS 4           /* GetMemoryMap + ExitBootServices rounds before giving up */
#define BITS_PER_BYTE 8
#define GOP_BYTES_PER_PIXEL 4     /* the 8-bit-per-channel formats */

/* The kernel goes where linker.ld puts it: elf_check() keeps every
 * PT_LOAD inside, and this whole range is allocated before the file is
 * read, so no buffer of ours or the firmware's can be in it. */
static const struct elf_limits kernel_limits = {
    .lowest = KERNEL_LOAD_ADDRESS,
    .end = KERNEL_IMAGE_LIMIT,
};
#define KERNEL_PAGES ((KERNEL_IMAGE_LIMIT - KERNEL_LOAD_ADDRESS) / EFI_PAGE_SIZE)

/* Allocates the kernel's physical range at its address. A test build
 * (LOADER_TEST_FIRMWARE_TAKES_KERNEL_MEMORY) takes a page in the middle of
 * it first, as firmware that had used that memory would have; another
 * (LOADER_TEST_FAIL_AFTER_EXIT, in efi_main) fails once boot services
 * have ended, so that the tests see both ways a sentence is shown. */
static void allocate_kernel_memory(struct efi_boot_services *bs)
{
    uint64_t address;

#ifdef LOADER_TEST_FIRMWARE_TAKES_KERNEL_MEMORY
    address = (KERNEL_LOAD_ADDRESS + KERNEL_IMAGE_LIMIT) / 2;
    bs->allocate_pages(EFI_ALLOCATE_ADDRESS, EFI_BOOT_SERVICES_DATA, 1, &address);
#endif
    address = KERNEL_LOAD_ADDRESS;
    if (bs->allocate_pages(EFI_ALLOCATE_ADDRESS, EFI_LOADER_DATA, KERNEL_PAGES, &address) !=
        EFI_SUCCESS)
        console_fail("the firmware already uses the kernel's memory, 1 MiB to 2 MiB");
}

static unsigned lowest_bit(uint32_t mask)
{
    return mask ? (unsigned)__builtin_ctz(mask) : 0;
}

/* The display as the firmware left it (its mode is kept), or false if
 * there is no GOP or no linear framebuffer. The console's own GOP first,
 * the screen the firmware shows its text on where there are several;
 * else the first the firmware has. */
static bool find_screen(struct efi_boot_services *bs, efi_handle console,
                        struct fb_surface *screen)
{
    static const struct efi_guid gop_guid = EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID;
    struct efi_graphics_output *gop;

    if (bs->handle_protocol(console, &gop_guid, (void **)&gop) != EFI_SUCCESS &&
        bs->locate_protocol(&gop_guid, NULL, (void **)&gop) != EFI_SUCCESS)
        return false;
    const struct efi_graphics_output_mode_information *info = gop->mode->info;
    const struct efi_pixel_bitmask *masks = &info->pixel_information;
    struct efi_pixel_bitmask channels;
    uint32_t bytes_per_pixel = GOP_BYTES_PER_PIXEL;

    switch (info->pixel_format) {
    case EFI_PIXEL_RED_GREEN_BLUE_RESERVED_8BIT:
        channels = (struct efi_pixel_bitmask){ 0xFF, 0xFF00, 0xFF0000, 0 };
        break;
    case EFI_PIXEL_BLUE_GREEN_RED_RESERVED_8BIT:
        channels = (struct efi_pixel_bitmask){ 0xFF0000, 0xFF00, 0xFF, 0 };
        break;
    case EFI_PIXEL_BIT_MASK: {
        /* The pixel is as wide as its highest mask bit reaches (§12.9). */
        channels = *masks;
        uint32_t all = channels.red | channels.green | channels.blue | channels.reserved;
        if (all == 0)
            return false;
        bytes_per_pixel = (uint32_t)(32 - __builtin_clz(all) + BITS_PER_BYTE - 1) / BITS_PER_BYTE;
        break;
    }
    default:
        return false;
    }
    uint64_t pitch = (uint64_t)info->pixels_per_scan_line * bytes_per_pixel;
    if (pitch * info->vertical_resolution > gop->mode->frame_buffer_size)
        return false;
    *screen = (struct fb_surface){
        .pixels = (uint8_t *)(uintptr_t)gop->mode->frame_buffer_base,
        .pitch = (uint32_t)pitch,
        .width = info->horizontal_resolution,
        .height = info->vertical_resolution,
        .bpp = (uint8_t)(bytes_per_pixel * BITS_PER_BYTE),
        .red_position = (uint8_t)lowest_bit(channels.red),
        .red_size = (uint8_t)__builtin_popcount(channels.red),
        .green_position = (uint8_t)lowest_bit(channels.green),
        .green_size = (uint8_t)__builtin_popcount(channels.green),
        .blue_position = (uint8_t)lowest_bit(channels.blue),
        .blue_size = (uint8_t)__builtin_popcount(channels.blue),
    };
    return true;
}

/* The RSDP the configuration table names: ACPI 2.0+ if there is one,
 * else ACPI 1.0, else NULL. */
static const uint8_t *find_rsdp(const struct efi_system_table *st)
{
    static const struct efi_guid acpi20 = EFI_ACPI_20_TABLE_GUID, acpi10 = EFI_ACPI_10_TABLE_GUID;
    const uint8_t *found = NULL;

    for (uint64_t i = 0; i < st->number_of_table_entries; i++) {
        const struct efi_configuration_table *t = &st->configuration_table[i];
        if (memcmp(&t->vendor_guid, &acpi20, sizeof acpi20) == 0)
            return t->vendor_table;
        if (memcmp(&t->vendor_guid, &acpi10, sizeof acpi10) == 0)
            found = t->vendor_table;
    }
    return found;
}

/* Memory below 4 GiB for what outlives boot services. */
static uint8_t *allocate_low(struct efi_boot_services *bs, enum efi_memory_type type, size_t bytes)
{
    uint64_t address = BELOW_4_GIB;

    console_check(bs->allocate_pages(EFI_ALLOCATE_MAX_ADDRESS, type,
                                     (bytes + EFI_PAGE_SIZE - 1) / EFI_PAGE_SIZE, &address),
                  "no memory below 4 GiB for the boot information or page tables");
    memset((void *)address, 0, bytes);
    return (uint8_t *)address;
}

/*
 * Gets the memory map and ends boot services with its key. If the map
 * changed in between (EFI_INVALID_PARAMETER), UEFI 2.9 §7.4 says to get
 * it again and retry; nothing may allocate in between, so the buffer was
 * sized beforehand. From the first ExitBootServices call on, the
 * firmware's console may be gone: failures go to the framebuffer.
 */
static void exit_boot_services(struct efi_boot_services *bs, efi_handle image,
                               struct uefi_facts *facts, uint8_t *map, uint64_t capacity,
                               const struct fb_surface *screen)
{
    efi_status status = EFI_SUCCESS;

    facts->efi_map = map;
    for (int attempt = 0; attempt < EXIT_ATTEMPTS; attempt++) {
        uint64_t size = capacity, key, descriptor_size;
        status = bs->get_memory_map(&size, (struct efi_memory_descriptor *)(void *)map, &key,
                                    &descriptor_size, &facts->descriptor_version);
        if (status != EFI_SUCCESS)
            console_fail_status("cannot read the firmware's memory map", status);
        facts->efi_map_size = size;
        facts->descriptor_size = (uint32_t)descriptor_size;
        console_boot_services_ended(screen);
        status = bs->exit_boot_services(image, key);
        if (status == EFI_SUCCESS) {
            __asm__ volatile("cli");
            return;
        }
        if (status != EFI_INVALID_PARAMETER)
            break;
    }
    console_fail_status("ExitBootServices refused to end the firmware's boot services", status);
}

efi_status efi_main(efi_handle image_handle, struct efi_system_table *st)
{
    static const struct efi_guid loaded_image_guid = EFI_LOADED_IMAGE_PROTOCOL_GUID;
    struct efi_boot_services *bs = st->boot_services;
    struct efi_loaded_image *image;
    struct fb_surface screen;
    struct uefi_facts facts = { .system_table = (uintptr_t)st };
    uint8_t *file;
    size_t file_size;
    uint64_t entry, map_size = 0, key, descriptor_size = 0;

    console_init(st->con_out);
    /* The boot manager arms a 5-minute watchdog before it starts a boot
     * program (UEFI 2.9 §7.5 SetWatchdogTimer): off, so that a failure
     * sentence stays up under the halt instead of a reset ending it where
     * the watchdog is hardware that needs no interrupts. */
    bs->set_watchdog_timer(0, 0, 0, NULL);
    /* The hand-off loads 4-level page tables, which a CPU in 5-level
     * paging would read as a PML5; and CR4.LA57 cannot be cleared while
     * paging is on. Said now, while the firmware's console still works.
     * A test build (LOADER_TEST_FIRMWARE_RUNS_LA57) reads the bit as set:
     * OVMF starts us in 4-level paging even on a CPU with LA57 (-cpu max). */
    uint64_t cr4 = read_cr4();
#ifdef LOADER_TEST_FIRMWARE_RUNS_LA57
    cr4 |= CR4_LA57;
#endif
    if (cr4 & CR4_LA57)
        console_fail("the firmware runs 5-level paging (CR4.LA57), which the loader's 4-level"
                     " page tables cannot take over");
    allocate_kernel_memory(bs);
    console_check(bs->handle_protocol(image_handle, &loaded_image_guid, (void **)&image),
                  "the firmware has no Loaded Image protocol for the loader");
    kernel_file_read(bs, image->device_handle, &file, &file_size);
    const char *problem = elf_check(file, file_size, &kernel_limits, &entry);
    if (problem != NULL)
        console_fail(problem);
    elf_load(file, &kernel_limits, (uint8_t *)KERNEL_LOAD_ADDRESS);

    if (find_screen(bs, st->console_out_handle, &screen))
        facts.screen = &screen;
    facts.rsdp = find_rsdp(st);

    /* Room for everything that outlives boot services, sized from the
     * map as it is now plus the descriptors these allocations may add. */
    efi_status status = bs->get_memory_map(&map_size, NULL, &key, &descriptor_size,
                                           &facts.descriptor_version);
    if (status != EFI_BUFFER_TOO_SMALL || descriptor_size == 0)
        console_fail_status("cannot size the firmware's memory map", status);
    uint64_t capacity = map_size + MAP_SLACK_DESCRIPTORS * descriptor_size;
    size_t cmdline_room = LOAD_OPTIONS_TEXT_ROOM(image->load_options_size);
    size_t ranges_room = capacity / descriptor_size * sizeof(struct memory_range);
    size_t mbi_size = uefi_boot_info_max_size(cmdline_room, capacity, descriptor_size);
    uint8_t *low = allocate_low(bs, EFI_LOADER_DATA,
                                capacity + ranges_room + cmdline_room + mbi_size);
    uint8_t *handoff_area = allocate_low(bs, EFI_LOADER_CODE, HANDOFF_PAGES * EFI_PAGE_SIZE);
    uint8_t *fault_area = allocate_low(bs, EFI_LOADER_DATA,
                                       console_drawn_sentence_room(facts.screen,
                                                                   HANDOFF_FAULT_PHRASE));
    struct memory_range *ranges = (void *)(low + capacity);
    char *cmdline = (char *)(low + capacity + ranges_room);
    uint8_t *mbi = low + capacity + ranges_room + cmdline_room;  /* 8-byte aligned: every part is */
    facts.cmdline = cmdline;
    const uint8_t *program = NULL;
    size_t program_length = image->file_path == NULL ? 0
                            : load_options_program(image->file_path, &program);
    facts.cmdline_length = load_options_text(image->load_options, image->load_options_size,
                                             program, program_length, cmdline);

    exit_boot_services(bs, image_handle, &facts, low, capacity, facts.screen);
#ifdef LOADER_TEST_FAIL_AFTER_EXIT
    console_fail("a test build fails here, after ExitBootServices");
#endif
    /* The rooms above were counted in descriptors of this size. */
    if (facts.descriptor_size != descriptor_size)
        console_fail("the firmware's memory map changed its descriptor size");

    problem = efi_map_convert(facts.efi_map, facts.efi_map_size, facts.descriptor_size, ranges,
                              &facts.map_count);
    if (problem != NULL)
        console_fail(problem);
    facts.map = ranges;
    uefi_boot_info_build(mbi, &facts);
    struct drawn_sentence fault = console_draw_sentence(HANDOFF_FAULT_PHRASE, fault_area);
    handoff(handoff_area, entry, (uintptr_t)mbi, &fault);
}
