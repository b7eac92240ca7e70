# iso.mk: `make iso`, included by the Makefile.
#
# The ISO holds iso/ as its tree plus the stripped kernel as
# /boot/kernel.elf; tools/iso/mkiso.sh adds GRUB for BIOS and UEFI and
# writes the hybrid image (docs/iso.md). The CMDLINE ISO is the same with
# the kernel's command line added to grub.cfg's multiboot2 line.
ISO_DIR := $(BUILD)/isodir
CMDLINE_ISO_DIR := $(BUILD)/isodir-cmdline
ISO_INPUTS := $(BOOT_KERNEL) iso/boot/grub/grub.cfg tools/iso/mkiso.sh tools/iso/grub_modules.py
ISO_INPUTS += tools/iso/iso.mk $(IMAGE_INPUTS)
ISO_ENV := GRUB_MKIMAGE=$(GRUB_MKIMAGE) XORRISO=$(XORRISO) LZOP_COMMAND=$(LZOP_COMMAND)
ISO_ENV += PYTHON=$(PYTHON)
ISO_ENV += GRUB_PC_DIR=$(GRUB_PC_DIR) GRUB_EFI_DIR=$(GRUB_EFI_DIR)

# $(call iso_tree,DIR): the ISO's file tree, iso/ plus the kernel, in DIR.
define iso_tree
rm -rf $(1)
mkdir -p $(1)
cp -r iso/. $(1)/
cp $(BOOT_KERNEL) $(1)/boot/kernel.elf
endef

$(ISO): $(ISO_INPUTS) | build-tools
	$(call iso_tree,$(ISO_DIR))
	$(ISO_ENV) tools/iso/mkiso.sh $(ISO_DIR) $@

$(CMDLINE_ISO): $(ISO_INPUTS) $(CMDLINE_FILE) | build-tools
	$(call iso_tree,$(CMDLINE_ISO_DIR))
	awk '$$0 == "    multiboot2 /boot/kernel.elf" { $$0 = $$0 " " ENVIRON["CMDLINE"] } { print }' \
	    iso/boot/grub/grub.cfg > $(CMDLINE_ISO_DIR)/boot/grub/grub.cfg
	grep -qF "multiboot2 /boot/kernel.elf $$CMDLINE" $(CMDLINE_ISO_DIR)/boot/grub/grub.cfg
	$(ISO_ENV) tools/iso/mkiso.sh $(CMDLINE_ISO_DIR) $@

.PHONY: iso
iso: $(BOOT_ISO) ## hybrid BIOS+UEFI ISO (at most 1 MiB, reproducible); with CMDLINE="...", build/longboot-cmdline.iso passing it
