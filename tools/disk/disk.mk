# disk.mk: `make disk`, included by the Makefile.
#
# Disk images as a Linux installation leaves them, made without root
# (no loop device, no mount): sfdisk writes the partition table into a
# file, mke2fs -d and mtools fill file systems from file trees, and
# GRUB's boot code is put in place as grub-install would. Each holds a
# grub.cfg with a distribution's entries followed by what our grub.d
# helper prints. The fixed UUIDs are the ones the distribution's entry
# searches for and names as its root.
DISK := $(BUILD)/longboot-disk.img
UEFI_DISK := $(BUILD)/longboot-uefi-disk.img
DISK_DIR := $(BUILD)/disk
DISK_BOOT_UUID := 0b0071ab-6c6f-4e67-8000-0000000000b1
DISK_ROOT_UUID := 0b0071ab-6c6f-4e67-8000-0000000000f5
DISK_LABEL_ID := 0x4c4f4e47
# The UEFI disk's GPT GUIDs and its FAT's serial number, which sfdisk and
# mformat would otherwise draw at random.
UEFI_DISK_GUID := 0b0071ab-6c6f-4e67-8000-000000000d15
UEFI_DISK_ESP_GUID := 0b0071ab-6c6f-4e67-8000-0000000000e5
UEFI_DISK_ROOT_GUID := 0b0071ab-6c6f-4e67-8000-0000000000f6
UEFI_DISK_ESP_SERIAL := 4c4f4e47
# The first partition starts at 1 MiB, where fdisk and parted align it.
DISK_GAP_SECTORS := 2048
DISK_BOOT_MIB := 15
UEFI_DISK_ESP_MIB := 8
UEFI_DISK_ROOT_MIB := 16

# $(call disk_tree,TREE,GRUB_DIR,PARTMAP,KERNEL_DIR,FS_UUID,GRUB_PATH): an
# installed system's file tree. make install into TREE as DESTDIR, GRUB's
# modules from GRUB_DIR, then grub.cfg as update-grub writes it: the
# distribution's part (its kernels in KERNEL_DIR on the file system
# FS_UUID, on a PARTMAP partition table), then the installed helper's
# entry. The tree is not mounted as it boots, so the helper is told where
# the tree is and the kernel's path on its file system (GRUB_PATH)
# instead of asking grub-mkrelpath.
define disk_tree
rm -rf $(1)
$(MAKE) --no-print-directory install DESTDIR='$(CURDIR)/$(1)'
mkdir -p $(1)/boot/grub/$(notdir $(2))
cp $(2)/*.mod $(2)/*.lst $(1)/boot/grub/$(notdir $(2))/
{ sed -e 's/@BOOT_UUID@/$(5)/; s/@ROOT_UUID@/$(DISK_ROOT_UUID)/' \
      -e 's/@PARTMAP@/$(3)/; s|@KERNEL_DIR@|$(4)|' tools/disk/grub.cfg.in; \
  echo; echo '### BEGIN /etc/grub.d/42_longboot ###'; \
  LONGBOOT_ROOT=$(1) LONGBOOT_GRUB_PATH=$(6) $(1)$(GRUBDDIR)/42_longboot; \
  echo '### END /etc/grub.d/42_longboot ###'; } > $(1)/boot/grub/grub.cfg
$(GRUB_SCRIPT_CHECK) $(1)/boot/grub/grub.cfg
endef

# $(call ext2_image,IMAGE,MIB,LABEL,UUID,TREE): an ext2 file system of MIB
# MiB holding TREE, the same bytes on every build. Every date is
# SOURCE_DATE_EPOCH: mke2fs takes its own from E2FSPROGS_FAKE_TIME and
# copies each file's times, of which touch sets all but the change time,
# which debugfs then sets. The directory hash seed is the file system's
# UUID instead of a random one.
define ext2_image
rm -f $(1)
truncate -s $(2)M $(1)
find $(5) -exec touch -h -d @$(SOURCE_DATE_EPOCH) {} +
E2FSPROGS_FAKE_TIME=$(SOURCE_DATE_EPOCH) $(MKE2FS) -q -t ext2 -L $(3) -U $(4) -E hash_seed=$(4) -d $(5) $(1)
find $(5) -printf 'sif /%P ctime @$(SOURCE_DATE_EPOCH)\n' > $(1).times
$(DEBUGFS) -w -f $(1).times $(1) > /dev/null
endef

DISK_INPUTS := $(BOOT_KERNEL) $(GRUBD_SCRIPT) tools/disk/grub.cfg.in tools/disk/disk.mk $(IMAGE_INPUTS)

# BIOS disk: MBR partition table, GRUB's boot code in the MBR and the gap
# after it, and one ext2 partition that is /boot on its own, so its file
# system holds the tree's boot/ at its root: /longboot.elf and /grub.
$(DISK_DIR)/bios/boot/grub/grub.cfg: $(DISK_INPUTS) | disk-tools
	$(call disk_tree,$(DISK_DIR)/bios,$(GRUB_PC_DIR),msdos,,$(DISK_BOOT_UUID),/longboot.elf)

$(DISK_DIR)/boot.ext2: $(DISK_DIR)/bios/boot/grub/grub.cfg
	$(call ext2_image,$@,$(DISK_BOOT_MIB),boot,$(DISK_BOOT_UUID),$(DISK_DIR)/bios/boot)

# GRUB's kernel with what it needs to read grub.cfg from partition 1 of
# the disk it was booted from ("(,msdos1)", as grub-install writes it).
$(DISK_DIR)/core.img: $(BUILD_INPUTS) tools/disk/disk.mk | disk-tools
	@mkdir -p $(@D)
	$(GRUB_MKIMAGE) -O i386-pc -d $(GRUB_PC_DIR) -p '(,msdos1)/grub' -o $@ biosdisk part_msdos ext2

$(DISK): $(DISK_DIR)/boot.ext2 $(DISK_DIR)/core.img tools/disk/grub_bios_setup.py
	rm -f $@.tmp
	truncate -s $$(( ($(DISK_GAP_SECTORS) * 512 >> 20) + $(DISK_BOOT_MIB) ))M $@.tmp
	printf 'label: dos\nlabel-id: $(DISK_LABEL_ID)\nstart=$(DISK_GAP_SECTORS), type=83, bootable\n' \
	    | $(SFDISK) --quiet $@.tmp
	dd if=$(DISK_DIR)/boot.ext2 of=$@.tmp bs=512 seek=$(DISK_GAP_SECTORS) conv=notrunc,sparse status=none
	$(PYTHON) tools/disk/grub_bios_setup.py $@.tmp $(GRUB_PC_DIR)/boot.img $(DISK_DIR)/core.img
	mv $@.tmp $@

# UEFI disk: GPT, an EFI system partition (FAT) holding GRUB as the
# removable-media path EFI/BOOT/BOOTX64.EFI, and an ext2 root file system
# with /boot as a plain directory: /boot/longboot.elf and /boot/grub.
$(DISK_DIR)/uefi/boot/grub/grub.cfg: $(DISK_INPUTS) | disk-tools
	$(call disk_tree,$(DISK_DIR)/uefi,$(GRUB_EFI_DIR),gpt,/boot,$(DISK_ROOT_UUID),/boot/longboot.elf)

$(DISK_DIR)/root.ext2: $(DISK_DIR)/uefi/boot/grub/grub.cfg
	$(call ext2_image,$@,$(UEFI_DISK_ROOT_MIB),root,$(DISK_ROOT_UUID),$(DISK_DIR)/uefi)

# GRUB for UEFI, reading grub.cfg from partition 2 of its own disk.
$(DISK_DIR)/esp.fat: $(IMAGE_INPUTS) tools/disk/disk.mk | disk-tools
	@mkdir -p $(@D)
	$(GRUB_MKIMAGE) -O x86_64-efi -d $(GRUB_EFI_DIR) -p '(,gpt2)/boot/grub' -o $(DISK_DIR)/BOOTX64.EFI part_gpt ext2
	rm -f $@
	truncate -s $(UEFI_DISK_ESP_MIB)M $@
	mformat -i $@ -v ESP -N $(UEFI_DISK_ESP_SERIAL) ::
	mmd -i $@ ::/EFI ::/EFI/BOOT
	mcopy -i $@ $(DISK_DIR)/BOOTX64.EFI ::/EFI/BOOT/BOOTX64.EFI

# The last MiB leaves room for the backup GPT.
$(UEFI_DISK): $(DISK_DIR)/esp.fat $(DISK_DIR)/root.ext2
	rm -f $@.tmp
	truncate -s $$(( ($(DISK_GAP_SECTORS) * 512 >> 20) + $(UEFI_DISK_ESP_MIB) + $(UEFI_DISK_ROOT_MIB) + 1 ))M $@.tmp
	printf 'label: gpt\nlabel-id: $(UEFI_DISK_GUID)\nstart=$(DISK_GAP_SECTORS), size=$(UEFI_DISK_ESP_MIB)MiB, type=uefi, name=ESP, uuid=$(UEFI_DISK_ESP_GUID)\nsize=$(UEFI_DISK_ROOT_MIB)MiB, type=linux, name=root, uuid=$(UEFI_DISK_ROOT_GUID)\n' \
	    | $(SFDISK) --quiet $@.tmp
	dd if=$(DISK_DIR)/esp.fat of=$@.tmp bs=512 seek=$(DISK_GAP_SECTORS) conv=notrunc,sparse status=none
	dd if=$(DISK_DIR)/root.ext2 of=$@.tmp bs=1M seek=$$(( ($(DISK_GAP_SECTORS) * 512 >> 20) + $(UEFI_DISK_ESP_MIB) )) conv=notrunc,sparse status=none
	mv $@.tmp $@

.PHONY: disk
disk: $(DISK) $(UEFI_DISK) ## disk images with GRUB installed (BIOS/MBR and UEFI/GPT), our entry in its menu

# Booting them as make run boots the ISO. GRUB's menu waits 3 seconds
# (GRUB_TIMEOUT in grub.cfg.in) before it boots longboot, its default.
.PHONY: run-disk run-disk-uefi
run-disk: run-tools window-tools $(DISK) ## boot the BIOS disk image: GRUB's menu, then longboot
	QEMU=$(QEMU) PYTHON=$(PYTHON) tools/run.sh $(DISK)

run-disk-uefi: uefi-tools window-tools $(UEFI_DISK) ## boot the UEFI disk image under OVMF: GRUB's menu, then longboot
	QEMU=$(QEMU) PYTHON=$(PYTHON) OVMF_CODE=$(OVMF_CODE) tools/run.sh $(UEFI_DISK) uefi
