/*
 * bootinfo_fixed_tags.c: copying the Multiboot2 boot-information tags that
 * hold only fixed fields (memory info, boot device, APM, EFI pointers,
 * ACPI RSDP copies, ...) into a struct bootinfo.
 *
 * bootinfo_tags.c has checked each tag's size against its layout in
 * mbi_layout.h before calling bootinfo_copy_fixed_fields(), so every field
 * read here lies inside the tag. Freestanding C: see bootinfo.c.
 */
#include "kernel/bootinfo/bootinfo_tags.h"

#include "arch/x86_64/multiboot2.h"
#include "kernel/bootinfo/mbi_layout.h"
#include "kernel/le.h"

_Static_assert(sizeof(((struct bootinfo_rsdp *)0)->oem_id) == ACPI_OEM_ID_SIZE + 1,
               "bootinfo_rsdp.oem_id holds the RSDP's OEM id and a NUL");

static void copy_apm(const uint8_t *tag, struct bootinfo *bi)
{
    bi->apm.version = le_load16(MBI_FIELD(tag, mbi_tag_apm, version));
    bi->apm.cseg = le_load16(MBI_FIELD(tag, mbi_tag_apm, cseg));
    bi->apm.offset = le_load32(MBI_FIELD(tag, mbi_tag_apm, offset));
    bi->apm.cseg_16 = le_load16(MBI_FIELD(tag, mbi_tag_apm, cseg_16));
    bi->apm.dseg = le_load16(MBI_FIELD(tag, mbi_tag_apm, dseg));
    bi->apm.flags = le_load16(MBI_FIELD(tag, mbi_tag_apm, flags));
    bi->apm.cseg_len = le_load16(MBI_FIELD(tag, mbi_tag_apm, cseg_len));
    bi->apm.cseg_16_len = le_load16(MBI_FIELD(tag, mbi_tag_apm, cseg_16_len));
    bi->apm.dseg_len = le_load16(MBI_FIELD(tag, mbi_tag_apm, dseg_len));
}

/* An ACPI 2.0 RSDP starts with the 1.0 one, so both tags hold oem_id,
 * revision and rsdt_address where the old tag's layout puts them. */
static void copy_rsdp(const uint8_t *tag, bool acpi_new, struct bootinfo_rsdp *rsdp)
{
    const uint8_t *oem_id = MBI_FIELD(tag, mbi_tag_old_acpi, rsdp.oem_id);

    for (int i = 0; i < ACPI_OEM_ID_SIZE; i++)
        rsdp->oem_id[i] = (char)oem_id[i];
    rsdp->oem_id[ACPI_OEM_ID_SIZE] = '\0';
    rsdp->revision = *MBI_FIELD(tag, mbi_tag_old_acpi, rsdp.revision);
    rsdp->rsdt_address = le_load32(MBI_FIELD(tag, mbi_tag_old_acpi, rsdp.rsdt_address));
    rsdp->xsdt_address =
        acpi_new ? le_load64(MBI_FIELD(tag, mbi_tag_new_acpi, rsdp.xsdt_address)) : 0;
}

void bootinfo_copy_fixed_fields(const uint8_t *tag, uint32_t type, struct bootinfo *bi)
{
    switch (type) {
    case MULTIBOOT2_TAG_TYPE_BASIC_MEMINFO:
        bi->mem_lower_kib = le_load32(MBI_FIELD(tag, mbi_tag_basic_meminfo, mem_lower));
        bi->mem_upper_kib = le_load32(MBI_FIELD(tag, mbi_tag_basic_meminfo, mem_upper));
        break;
    case MULTIBOOT2_TAG_TYPE_BOOTDEV:
        bi->biosdev = le_load32(MBI_FIELD(tag, mbi_tag_bootdev, biosdev));
        bi->partition = le_load32(MBI_FIELD(tag, mbi_tag_bootdev, partition));
        bi->sub_partition = le_load32(MBI_FIELD(tag, mbi_tag_bootdev, sub_partition));
        break;
    case MULTIBOOT2_TAG_TYPE_VBE:
        bi->vbe_mode = le_load16(MBI_FIELD(tag, mbi_tag_vbe, vbe_mode));
        break;
    case MULTIBOOT2_TAG_TYPE_APM:
        copy_apm(tag, bi);
        break;
    case MULTIBOOT2_TAG_TYPE_EFI32:
        bi->efi32_system_table = le_load32(MBI_FIELD(tag, mbi_tag_efi32, pointer));
        break;
    case MULTIBOOT2_TAG_TYPE_EFI64:
        bi->efi64_system_table = le_load64(MBI_FIELD(tag, mbi_tag_efi64, pointer));
        break;
    case MULTIBOOT2_TAG_TYPE_SMBIOS:
        bi->smbios_major = *MBI_FIELD(tag, mbi_tag_smbios, major);
        bi->smbios_minor = *MBI_FIELD(tag, mbi_tag_smbios, minor);
        break;
    case MULTIBOOT2_TAG_TYPE_ACPI_OLD:
        copy_rsdp(tag, false, &bi->acpi_old);
        break;
    case MULTIBOOT2_TAG_TYPE_ACPI_NEW:
        copy_rsdp(tag, true, &bi->acpi_new);
        break;
    case MULTIBOOT2_TAG_TYPE_NETWORK:
        bi->network_count++;
        break;
    case MULTIBOOT2_TAG_TYPE_EFI32_IH:
        bi->efi32_image_handle = le_load32(MBI_FIELD(tag, mbi_tag_efi32, pointer));
        break;
    case MULTIBOOT2_TAG_TYPE_EFI64_IH:
        bi->efi64_image_handle = le_load64(MBI_FIELD(tag, mbi_tag_efi64, pointer));
        break;
    case MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR:
        bi->load_base_addr = le_load32(MBI_FIELD(tag, mbi_tag_load_base_addr, load_base_addr));
        break;
    }
}
