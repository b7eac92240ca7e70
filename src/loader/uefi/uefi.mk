# uefi.mk: longboot's own UEFI loader, the disk image it boots from, and
# the UEFI floor for make compare; included by the Makefile.
#
#   make esp-image        $(ESP_IMAGE): GPT, an EFI system partition with
#                         EFI/BOOT/BOOTX64.EFI (our loader) and boot/kernel.elf
#   make run-loader-uefi  boot it under OVMF as `make run-uefi` boots the ISO
#
# The loader is C (plus handoff_stub.asm) for the UEFI calling convention: clang
# compiles for x86_64-unknown-windows, whose ABI and object format (COFF)
# are UEFI's, and lld-link writes the PE32+ EFI application. The UEFI
# types come from our own efi.h, so no SDK is needed. It shares elf.c and
# memory.c with the BIOS loader, mbi_writer.c's tags, and the kernel's
# COM1 driver and framebuffer console for its failure sentences. NASM
# writes handoff_stub.asm as a win64 (COFF) object for lld-link.
#
# Tests override ESP_IMAGE, ESP_KERNEL (a corrupted kernel), UEFI_BUILD and
# UEFI_DEFINES (the -D of a test build) to make variants without touching
# the real one.

UEFI_DIR := src/loader/uefi
UEFI_BUILD ?= $(BUILD)/uefi
UEFI_LOADER := $(UEFI_BUILD)/BOOTX64.EFI
UEFI_DEFINES ?=
ESP_IMAGE ?= $(BUILD)/longboot-esp.img
ESP_KERNEL ?= $(BOOT_KERNEL)
# The UEFI floor for make compare: an EFI application that only writes
# "Hello World!" on COM1 (tools/uefi_floor.c), on an image of its own.
UEFI_FLOOR := $(UEFI_BUILD)/floor/BOOTX64.EFI
UEFI_FLOOR_IMAGE := $(BUILD)/compare/uefi-floor.img
# For the tests: tools/uefi_chain.c starts our loader with load options, as
# a boot entry's optional data would; its image also holds the loader and
# the kernel.
UEFI_CHAIN := $(UEFI_BUILD)/chain/BOOTX64.EFI
ESP_CHAIN_IMAGE := $(BUILD)/test/esp-chain.img
UEFI_CC ?= clang
UEFI_LINK ?= lld-link

UEFI_C := $(sort $(wildcard $(UEFI_DIR)/*.c)) $(addprefix src/loader/,elf.c memory.c mbi_writer.c)
UEFI_C += $(ARCH)/drivers/serial.c src/kernel/console/fbcon.c
UEFI_OBJECTS := $(UEFI_C:src/%.c=$(UEFI_BUILD)/%.o) $(UEFI_BUILD)/font.o $(UEFI_BUILD)/loader/uefi/handoff_stub.o
UEFI_FLOOR_OBJECTS := $(UEFI_BUILD)/floor/uefi_floor.o $(UEFI_BUILD)/arch/x86_64/drivers/serial.o
UEFI_CHAIN_OBJECTS := $(UEFI_BUILD)/chain/uefi_chain.o $(UEFI_BUILD)/arch/x86_64/drivers/serial.o

# Loader C flags: the BIOS loader's rules of the road for the UEFI ABI.
# Expanded when a recipe runs (=, not :=), so that clang's include folder
# is asked for after esp-tools has installed clang on a fresh machine.
UEFI_CFLAGS = -target x86_64-unknown-windows  # the Microsoft x64 convention and COFF, as UEFI uses
UEFI_CFLAGS += -std=c11 -Oz -Wall -Wextra -Werror
UEFI_CFLAGS += -ffreestanding -nostdinc -isystem $(shell $(UEFI_CC) -print-file-name=include)
UEFI_CFLAGS += -fno-stack-protector        # no canary: nothing sets up __security_cookie
UEFI_CFLAGS += -mno-stack-arg-probe        # no __chkstk calls: there is no C library
UEFI_CFLAGS += -mno-mmx -mno-sse -mno-sse2 -mno-80387 # no floating point, and the kernel's code is built so too
UEFI_CFLAGS += -ffunction-sections -fdata-sections
UEFI_CFLAGS += -MMD -MP -Isrc $(UEFI_DEFINES)
# An EFI application (PE32+ subsystem 10), entered at efi_main, no C library.
UEFI_LDFLAGS := -subsystem:efi_application -entry:efi_main -nodefaultlib -opt:ref
# -Brepro: a hash of the contents where the PE header would carry the link time.
UEFI_LDFLAGS += -Brepro

# Host tests of the loader's pure C, linked like the kernel's (Makefile's rule).
$(BUILD)/host/test_efi_map: $(UEFI_DIR)/efi_map.c
$(BUILD)/host/test_load_options: $(UEFI_DIR)/load_options.c
$(BUILD)/host/test_uefi_boot_info: $(UEFI_DIR)/boot_info.c src/loader/mbi_writer.c $(BOOTINFO_C) tests/unit/fake_rsdp.c

NEED_ESP := $(NEED_BUILD) $(UEFI_CC):clang $(UEFI_LINK):lld
NEED_ESP += $(SFDISK):fdisk mformat:mtools

$(UEFI_BUILD)/%.o: src/%.c $(UEFI_DIR)/uefi.mk $(BUILD_INPUTS) | esp-tools
	@mkdir -p $(@D)
	$(UEFI_CC) $(strip $(UEFI_CFLAGS)) -c -o $@ $<

$(UEFI_BUILD)/font.o: $(FONT_C) $(UEFI_DIR)/uefi.mk $(BUILD_INPUTS) | esp-tools
	@mkdir -p $(@D)
	$(UEFI_CC) $(strip $(UEFI_CFLAGS)) -c -o $@ $<

$(UEFI_BUILD)/%.o: src/%.asm $(SHARED_HEADERS:%=$(INC)/%.inc) $(UEFI_DIR)/uefi.mk $(BUILD_INPUTS) | esp-tools
	@mkdir -p $(@D)
	$(NASM) -f win64 -w+error -I$(INC)/ -Isrc/arch/x86_64/boot/ $(UEFI_DEFINES) -MD $(@:.o=.d) -MP -o $@ $<

$(UEFI_BUILD)/floor/uefi_floor.o: tools/uefi_floor.c $(UEFI_DIR)/uefi.mk $(BUILD_INPUTS) | esp-tools
	@mkdir -p $(@D)
	$(UEFI_CC) $(strip $(UEFI_CFLAGS)) -c -o $@ $<

$(UEFI_BUILD)/chain/uefi_chain.o: tools/uefi_chain.c $(UEFI_DIR)/uefi.mk $(BUILD_INPUTS) | esp-tools
	@mkdir -p $(@D)
	$(UEFI_CC) $(strip $(UEFI_CFLAGS)) -c -o $@ $<

$(UEFI_LOADER): $(UEFI_OBJECTS)
	$(UEFI_LINK) $(UEFI_LDFLAGS) -out:$@ $^

$(UEFI_FLOOR): $(UEFI_FLOOR_OBJECTS)
	$(UEFI_LINK) $(UEFI_LDFLAGS) -out:$@ $^

$(UEFI_CHAIN): $(UEFI_CHAIN_OBJECTS)
	$(UEFI_LINK) $(UEFI_LDFLAGS) -out:$@ $^

-include $(UEFI_OBJECTS:.o=.d) $(UEFI_FLOOR_OBJECTS:.o=.d) $(UEFI_CHAIN_OBJECTS:.o=.d)

# $(call esp_image,IMAGE,EFI_APPLICATION,KERNEL,LOADER): a GPT disk image
# whose one partition, an EFI system partition (FAT), holds EFI_APPLICATION
# at the removable-media path EFI/BOOT/BOOTX64.EFI, where the firmware
# looks without a boot entry, KERNEL (if given) as boot/kernel.elf, and
# LOADER (if given) as EFI/longboot/loader.efi for uefi_chain.c; built as
# disk.mk builds its disks, without root. ESP_SECTORS of FAT, the
# partition at 1 MiB, and room after it for the backup GPT.
ESP_SECTORS := 2048
GPT_BACKUP_SECTORS := 33
# Fixed where sfdisk and mformat would draw at random, so that a rebuild
# gives the same bytes (as make disk's images).
ESP_DISK_GUID := 0b0071ab-6c6f-4e67-8000-000000000e51
ESP_PARTITION_GUID := 0b0071ab-6c6f-4e67-8000-000000000e5a
ESP_FAT_SERIAL := 4c4f4e45
define esp_image
rm -f $(1).fat $(1).tmp
truncate -s $$(( $(ESP_SECTORS) * 512 )) $(1).fat
mformat -i $(1).fat -v ESP -N $(ESP_FAT_SERIAL) ::
mmd -i $(1).fat ::/EFI ::/EFI/BOOT
mcopy -i $(1).fat $(2) ::/EFI/BOOT/BOOTX64.EFI
$(if $(3),mmd -i $(1).fat ::/boot && mcopy -i $(1).fat $(3) ::/boot/kernel.elf)
$(if $(4),mmd -i $(1).fat ::/EFI/longboot && mcopy -i $(1).fat $(4) ::/EFI/longboot/loader.efi)
truncate -s $$(( ($(DISK_GAP_SECTORS) + $(ESP_SECTORS) + $(GPT_BACKUP_SECTORS)) * 512 )) $(1).tmp
printf 'label: gpt\nlabel-id: $(ESP_DISK_GUID)\nstart=$(DISK_GAP_SECTORS), size=$(ESP_SECTORS), type=uefi, uuid=$(ESP_PARTITION_GUID), name=ESP\n' \
    | $(SFDISK) --quiet $(1).tmp
dd if=$(1).fat of=$(1).tmp bs=512 seek=$(DISK_GAP_SECTORS) conv=notrunc,sparse status=none
rm $(1).fat
mv $(1).tmp $(1)
endef

$(ESP_IMAGE): $(UEFI_LOADER) $(ESP_KERNEL) $(UEFI_DIR)/uefi.mk $(DATE_STAMP)
	@mkdir -p $(@D)
	$(call esp_image,$@,$(UEFI_LOADER),$(ESP_KERNEL))

$(UEFI_FLOOR_IMAGE): $(UEFI_FLOOR) $(UEFI_DIR)/uefi.mk $(DATE_STAMP)
	@mkdir -p $(@D)
	$(call esp_image,$@,$(UEFI_FLOOR))

$(ESP_CHAIN_IMAGE): $(UEFI_CHAIN) $(UEFI_LOADER) $(ESP_KERNEL) $(UEFI_DIR)/uefi.mk
	@mkdir -p $(@D)
	$(call esp_image,$@,$(UEFI_CHAIN),$(ESP_KERNEL),$(UEFI_LOADER))

.PHONY: esp-chain-image
esp-chain-image: $(ESP_CHAIN_IMAGE) ## for the tests: the ESP image with tools/uefi_chain.c starting our loader with load options

.PHONY: esp-image
esp-image: $(ESP_IMAGE) ## GPT disk image with our own UEFI loader and the kernel on its ESP (build/longboot-esp.img)

.PHONY: uefi-floor
uefi-floor: $(UEFI_FLOOR_IMAGE) ## the UEFI floor for make compare: an EFI application printing one line on COM1

.PHONY: run-loader-uefi
run-loader-uefi: uefi-tools window-tools esp-image ## boot the ESP image under OVMF: a window, or COM1 until the halt
	QEMU=$(QEMU) PYTHON=$(PYTHON) OVMF_CODE=$(OVMF_CODE) tools/run.sh $(ESP_IMAGE) uefi
