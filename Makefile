# longboot: a 64-bit x86 kernel that GRUB boots through Multiboot2.
# `make help` lists the targets. Tools can be overridden: `CC=clang make`.

.SUFFIXES:
MAKEFLAGS += --no-builtin-rules
.DELETE_ON_ERROR:
.SECONDARY:

BUILD ?= build
NASM ?= nasm
ifeq ($(origin LD),default)
LD := ld
endif
OBJDUMP ?= objdump
OBJCOPY ?= objcopy
NM ?= nm
GRUB_MKRESCUE ?= grub-mkrescue
GRUB_FILE ?= grub-file
GRUB_MKIMAGE ?= grub-mkimage
GRUB_SCRIPT_CHECK ?= grub-script-check
# In /usr/sbin, which a normal user's PATH on Debian lacks.
SFDISK ?= /usr/sbin/sfdisk
MKE2FS ?= /usr/sbin/mke2fs
QEMU ?= qemu-system-x86_64
# Debian's python3, where python3-pytest installs pytest.
PYTHON ?= /usr/bin/python3
# libFuzzer comes with clang only.
FUZZ_CC ?= clang
LIBFUZZER := /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
FUZZ_SECONDS ?= 60
# UEFI firmware for `make run-uefi` and the UEFI boot tests.
OVMF_CODE := /usr/share/OVMF/OVMF_CODE_4M.fd
# The framebuffer console's 8x16 font, turned into C by tools/font.py.
FONT_PSF := /usr/share/consolefonts/Uni2-VGA16.psf.gz

# The Debian packages behind each kind of target, as WHAT:PACKAGE pairs
# for tools/need.sh (WHAT is a command, or a path that must exist).
NEED_BUILD := $(firstword $(CC)):$(if $(findstring clang,$(CC)),clang,gcc) ld:binutils
NEED_BUILD += nasm:nasm grub-file:grub-common grub-mkrescue:grub-common
NEED_BUILD += /usr/lib/grub/i386-pc:grub-pc-bin /usr/lib/grub/x86_64-efi:grub-efi-amd64-bin
NEED_BUILD += xorriso:xorriso mformat:mtools
NEED_BUILD += $(PYTHON):python3 $(FONT_PSF):console-setup-linux
NEED_RUN := $(NEED_BUILD) $(QEMU):qemu-system-x86 $(PYTHON):python3
# QEMU's window needs its GTK module, but only where there is a display.
NEED_WINDOW := $(if $(DISPLAY)$(WAYLAND_DISPLAY),/usr/lib/x86_64-linux-gnu/qemu/ui-gtk.so:qemu-system-gui)
NEED_UEFI := $(NEED_RUN) $(OVMF_CODE):ovmf
NEED_DEBUG := $(NEED_RUN) gdb:gdb
NEED_TEST := $(NEED_DEBUG) /usr/lib/python3/dist-packages/pytest:python3-pytest
NEED_TEST += /usr/include/stdio.h:libc6-dev $(NEED_UEFI)
NEED_FUZZ := $(FUZZ_CC):clang $(LIBFUZZER):libclang-rt-14-dev
NEED_TEST += $(NEED_FUZZ)
NEED_DISK := $(NEED_BUILD) grub-mkimage:grub-common grub-script-check:grub-common
NEED_DISK += $(SFDISK):fdisk $(MKE2FS):e2fsprogs $(PYTHON):python3
NEED_TEST += $(NEED_DISK)
# Our own loader's image also boots under Bochs, whose BIOS is not SeaBIOS.
NEED_TEST += bochs:bochs /usr/share/bochs/BIOS-bochs-latest:bochsbios /usr/share/vgabios/vgabios.bin:vgabios

# kernel.elf keeps its symbols and debug information for gdb and the
# tests; longboot.elf is the same kernel stripped, and is what boots: the
# ISO, make install, the disk images and our own loader's image.
KERNEL := $(BUILD)/kernel.elf
BOOT_KERNEL := $(BUILD)/longboot.elf
ISO := $(BUILD)/longboot.iso
INC := $(BUILD)/inc

ARCH := src/arch/x86_64
# Every source under the two trees is part of the kernel: a new file is
# picked up without touching this Makefile.
ASM_SOURCES := $(sort $(shell find $(ARCH) -name '*.asm'))
C_SOURCES := $(sort $(shell find $(ARCH) src/kernel -name '*.c'))
# The constants headers NASM reads too, turned into $(INC)/NAME.inc.
SHARED_HEADERS := x86 pc boot multiboot2
FONT_C := $(BUILD)/gen/font.c
OBJECTS := $(ASM_SOURCES:src/%.asm=$(BUILD)/%.o) $(C_SOURCES:src/%.c=$(BUILD)/%.o)
OBJECTS += $(FONT_C:.c=.o)

# Kernel C flags. Warnings are errors under gcc and clang alike.
KERNEL_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror
KERNEL_CFLAGS += -ffreestanding            # no hosted libc; only the compiler's own headers
KERNEL_CFLAGS += -fno-stack-protector      # no canary: nothing sets up __stack_chk_guard
KERNEL_CFLAGS += -fno-pic -fno-pie         # linked at a fixed 1 MiB address: no GOT, no PLT
KERNEL_CFLAGS += -mcmodel=small            # all code and data below 2 GiB (kernel model is for the top 2 GiB)
KERNEL_CFLAGS += -mno-red-zone             # an interrupt would overwrite the 128 bytes below RSP
KERNEL_CFLAGS += -mno-mmx -mno-sse -mno-sse2 -mno-80387 # CR4.OSFXSR is off and no FPU state is saved
KERNEL_CFLAGS += -fno-asynchronous-unwind-tables # no .eh_frame: nothing unwinds
KERNEL_CFLAGS += -fno-omit-frame-pointer   # RBP chains for gdb and the stack-alignment self-check
KERNEL_CFLAGS += -MMD -MP                  # header dependencies
KERNEL_CFLAGS += -Isrc                    # includes name their path from src/

NASMFLAGS := -f elf64 -g -F dwarf -w+error -I$(INC)/

LDFLAGS_KERNEL := -m elf_x86_64 -nostdlib -T linker.ld
LDFLAGS_KERNEL += -z max-page-size=0x1000  # keeps the Multiboot2 header in the file's first 32 KiB
LDFLAGS_KERNEL += -z noexecstack           # NASM objects carry no .note.GNU-stack
LDFLAGS_KERNEL += --fatal-warnings

# Every object is rebuilt when the Makefile changes (the link also follows linker.ld).
BUILD_INPUTS := Makefile

.PHONY: all
all: $(KERNEL) $(BOOT_KERNEL) $(BUILD)/kernel.lst $(BUILD)/kernel.sym ## kernel ELF (debug and stripped), disassembly listing and symbol map

$(INC)/%.inc: $(ARCH)/%.h tools/h2inc.sed $(BUILD_INPUTS)
	@mkdir -p $(@D)
	sed -n -f tools/h2inc.sed $< > $@

$(BUILD)/arch/%.o: src/arch/%.asm $(SHARED_HEADERS:%=$(INC)/%.inc) $(BUILD_INPUTS) | build-tools
	@mkdir -p $(@D)
	$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP -o $@ $<

$(BUILD)/%.o: src/%.c $(BUILD_INPUTS) | build-tools
	@mkdir -p $(@D)
	$(CC) $(strip $(KERNEL_CFLAGS)) -c -o $@ $<

$(FONT_C): tools/font.py $(BUILD_INPUTS) | build-tools
	@mkdir -p $(@D)
	$(PYTHON) tools/font.py c $(FONT_PSF) $@

$(FONT_C:.c=.o): $(FONT_C) $(BUILD_INPUTS)
	$(CC) $(strip $(KERNEL_CFLAGS)) -c -o $@ $<

# The link fails if GRUB would not find the Multiboot2 header.
$(KERNEL): $(OBJECTS) linker.ld
	$(LD) $(strip $(LDFLAGS_KERNEL)) -o $@ $(OBJECTS)
	$(GRUB_FILE) --is-x86-multiboot2 $@ || { echo "$@: GRUB finds no valid Multiboot2 header in it" >&2; rm -f $@; exit 1; }

$(BOOT_KERNEL): $(KERNEL)
	$(OBJCOPY) --strip-all $< $@
	$(GRUB_FILE) --is-x86-multiboot2 $@ || { echo "$@: GRUB finds no valid Multiboot2 header in it" >&2; rm -f $@; exit 1; }

$(BUILD)/kernel.lst: $(KERNEL)
	$(OBJDUMP) -d -l -M intel --no-show-raw-insn $< > $@

$(BUILD)/kernel.sym: $(KERNEL)
	$(NM) -n $< > $@

-include $(OBJECTS:.o=.d)

# The ISO holds iso/ as its tree plus the kernel. grub-mkrescue builds a
# hybrid BIOS + UEFI image when the UEFI GRUB files are installed.
$(ISO): $(BOOT_KERNEL) iso/boot/grub/grub.cfg
	rm -rf $(BUILD)/isodir
	mkdir -p $(BUILD)/isodir
	cp -r iso/. $(BUILD)/isodir/
	cp $(BOOT_KERNEL) $(BUILD)/isodir/boot/kernel.elf
	$(GRUB_MKRESCUE) -o $@ $(BUILD)/isodir

.PHONY: iso
iso: $(ISO) ## bootable BIOS+UEFI ISO image

# Installing into an existing GRUB: the kernel goes to BOOTDIR, and a
# grub-mkconfig helper to GRUBDDIR, whence update-grub pastes its menu
# entry into grub.cfg. DESTDIR prefixes both, for staging and packaging.
DESTDIR ?=
BOOTDIR ?= /boot
GRUBDDIR ?= /etc/grub.d
GRUBD_SCRIPT := grub.d/42_longboot

.PHONY: install
install: $(BOOT_KERNEL) ## BOOTDIR/longboot.elf and /etc/grub.d/42_longboot (DESTDIR honoured); then run update-grub
	install -d $(DESTDIR)$(BOOTDIR) $(DESTDIR)$(GRUBDDIR)
	install -m 644 $(BOOT_KERNEL) $(DESTDIR)$(BOOTDIR)/longboot.elf
	sed 's|^bootdir=/boot$$|bootdir=$(BOOTDIR)|' $(GRUBD_SCRIPT) > $(DESTDIR)$(GRUBDDIR)/42_longboot
	chmod 755 $(DESTDIR)$(GRUBDDIR)/42_longboot

.PHONY: uninstall
uninstall: ## remove what make install put in place; then run update-grub
	rm -f $(DESTDIR)$(BOOTDIR)/longboot.elf $(DESTDIR)$(GRUBDDIR)/42_longboot

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
# The first partition starts at 1 MiB, where fdisk and parted align it.
DISK_GAP_SECTORS := 2048
DISK_BOOT_MIB := 15
UEFI_DISK_ESP_MIB := 8
UEFI_DISK_ROOT_MIB := 16
GRUB_PC_DIR := /usr/lib/grub/i386-pc
GRUB_EFI_DIR := /usr/lib/grub/x86_64-efi

# $(call disk_tree,TREE,GRUB_DIR,PARTMAP,KERNEL_DIR,FS_UUID,GRUB_PATH): an
# installed system's file tree. make install into TREE as DESTDIR, GRUB's
# modules from GRUB_DIR, then grub.cfg as update-grub writes it: the
# distribution's part (its kernels in KERNEL_DIR on the file system
# FS_UUID, on a PARTMAP partition table), then the installed helper's
# entry. The tree is not mounted as it boots, so the helper is told the
# kernel's path on its file system (GRUB_PATH) instead of asking
# grub-mkrelpath.
define disk_tree
rm -rf $(1)
$(MAKE) --no-print-directory install DESTDIR=$(abspath $(1))
mkdir -p $(1)/boot/grub/$(notdir $(2))
cp $(2)/*.mod $(2)/*.lst $(1)/boot/grub/$(notdir $(2))/
{ sed -e 's/@BOOT_UUID@/$(5)/; s/@ROOT_UUID@/$(DISK_ROOT_UUID)/' \
      -e 's/@PARTMAP@/$(3)/; s|@KERNEL_DIR@|$(4)|' tools/disk/grub.cfg.in; \
  echo; echo '### BEGIN /etc/grub.d/42_longboot ###'; \
  LONGBOOT_GRUB_PATH=$(6) $(1)$(GRUBDDIR)/42_longboot; \
  echo '### END /etc/grub.d/42_longboot ###'; } > $(1)/boot/grub/grub.cfg
$(GRUB_SCRIPT_CHECK) $(1)/boot/grub/grub.cfg
endef

DISK_INPUTS := $(BOOT_KERNEL) $(GRUBD_SCRIPT) tools/disk/grub.cfg.in $(BUILD_INPUTS)

# BIOS disk: MBR partition table, GRUB's boot code in the MBR and the gap
# after it, and one ext2 partition that is /boot on its own, so its file
# system holds the tree's boot/ at its root: /longboot.elf and /grub.
$(DISK_DIR)/bios/boot/grub/grub.cfg: $(DISK_INPUTS) | disk-tools
	$(call disk_tree,$(DISK_DIR)/bios,$(GRUB_PC_DIR),msdos,,$(DISK_BOOT_UUID),/longboot.elf)

$(DISK_DIR)/boot.ext2: $(DISK_DIR)/bios/boot/grub/grub.cfg
	rm -f $@
	truncate -s $(DISK_BOOT_MIB)M $@
	$(MKE2FS) -q -t ext2 -L boot -U $(DISK_BOOT_UUID) -d $(DISK_DIR)/bios/boot $@

# GRUB's kernel with what it needs to read grub.cfg from partition 1 of
# the disk it was booted from ("(,msdos1)", as grub-install writes it).
$(DISK_DIR)/core.img: $(BUILD_INPUTS) | disk-tools
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
	rm -f $@
	truncate -s $(UEFI_DISK_ROOT_MIB)M $@
	$(MKE2FS) -q -t ext2 -L root -U $(DISK_ROOT_UUID) -d $(DISK_DIR)/uefi $@

# GRUB for UEFI, reading grub.cfg from partition 2 of its own disk.
$(DISK_DIR)/esp.fat: $(BUILD_INPUTS) | disk-tools
	@mkdir -p $(@D)
	$(GRUB_MKIMAGE) -O x86_64-efi -d $(GRUB_EFI_DIR) -p '(,gpt2)/boot/grub' -o $(DISK_DIR)/BOOTX64.EFI part_gpt ext2
	rm -f $@
	truncate -s $(UEFI_DISK_ESP_MIB)M $@
	mformat -i $@ -v ESP ::
	mmd -i $@ ::/EFI ::/EFI/BOOT
	mcopy -i $@ $(DISK_DIR)/BOOTX64.EFI ::/EFI/BOOT/BOOTX64.EFI

# The last MiB leaves room for the backup GPT.
$(UEFI_DISK): $(DISK_DIR)/esp.fat $(DISK_DIR)/root.ext2
	rm -f $@.tmp
	truncate -s $$(( ($(DISK_GAP_SECTORS) * 512 >> 20) + $(UEFI_DISK_ESP_MIB) + $(UEFI_DISK_ROOT_MIB) + 1 ))M $@.tmp
	printf 'label: gpt\nstart=$(DISK_GAP_SECTORS), size=$(UEFI_DISK_ESP_MIB)MiB, type=uefi, name=ESP\nsize=$(UEFI_DISK_ROOT_MIB)MiB, type=linux, name=root\n' \
	    | $(SFDISK) --quiet $@.tmp
	dd if=$(DISK_DIR)/esp.fat of=$@.tmp bs=512 seek=$(DISK_GAP_SECTORS) conv=notrunc,sparse status=none
	dd if=$(DISK_DIR)/root.ext2 of=$@.tmp bs=1M seek=$$(( ($(DISK_GAP_SECTORS) * 512 >> 20) + $(UEFI_DISK_ESP_MIB) )) conv=notrunc,sparse status=none
	mv $@.tmp $@

.PHONY: disk
disk: $(DISK) $(UEFI_DISK) ## disk images with GRUB installed (BIOS/MBR and UEFI/GPT), our entry in its menu

# Host unit tests: pure kernel C built for Linux under ASan and UBSan,
# each test file linked with the kernel sources it tests.
HOST_CFLAGS := -std=c11 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer
HOST_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_CFLAGS += -Isrc -Itests/unit
# One compile-and-link per test gives one dependency file for several
# sources, so the tests simply depend on every header.
HOST_HEADERS := $(shell find src -name '*.h') $(wildcard tests/unit/*.h)
HOST_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/host/%,$(wildcard tests/unit/test_*.c))

BOOTINFO_C := src/kernel/bootinfo/bootinfo.c src/kernel/bootinfo/bootinfo_tags.c
$(BUILD)/host/test_format: src/kernel/format.c
$(BUILD)/host/test_vga: $(ARCH)/drivers/vga.c
$(BUILD)/host/test_fbcon: src/kernel/console/fbcon.c $(FONT_C)
$(BUILD)/host/test_cmdline: src/kernel/cmdline.c
$(BUILD)/host/test_report: src/kernel/bootinfo/report.c $(BOOTINFO_C) tests/unit/capture.c
$(BUILD)/host/test_bootinfo: $(BOOTINFO_C)
$(BUILD)/host/test_page_tables: $(ARCH)/paging/page_tables.c
$(BUILD)/host/test_crash_report: src/kernel/crash_report.c tests/unit/capture.c

$(BUILD)/host/test_%: tests/unit/test_%.c tests/unit/check.c $(HOST_HEADERS) $(BUILD_INPUTS) | build-tools
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $(filter %.c,$^)

.PHONY: host-tests
host-tests: $(HOST_TESTS) ## build the host unit tests

# Fuzzing the boot-information parser with libFuzzer, seeded with the
# GRUB-like layouts the unit tests build. Findings land in $(BUILD)/fuzz/.
FUZZ := $(BUILD)/fuzz/fuzz_bootinfo
FUZZ_SEEDS := $(BUILD)/fuzz/corpus/.seeded

$(FUZZ): tests/fuzz/fuzz_bootinfo.c $(BOOTINFO_C) $(HOST_HEADERS) $(BUILD_INPUTS) | fuzz-tools
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -g -O1 -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined -Isrc -o $@ $(filter %.c,$^)

$(FUZZ_SEEDS): $(BUILD)/host/test_bootinfo
	@mkdir -p $(@D)
	BOOTINFO_SEED_DIR=$(@D) $< test_bootinfo_seed_layouts_parse_cleanly
	touch $@

.PHONY: fuzz
fuzz: $(FUZZ) $(FUZZ_SEEDS) ## fuzz the boot-information parser for FUZZ_SECONDS (default 60)
	$(FUZZ) -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/corpus

# Our own BIOS loader and its disk image: make image, make run-loader.
include src/loader/loader.mk

.PHONY: run
run: run-tools window-tools iso ## boot in QEMU: a window, the terminal, or (in a script) COM1 until the halt
	QEMU=$(QEMU) PYTHON=$(PYTHON) tools/run.sh $(ISO)

.PHONY: run-uefi
run-uefi: uefi-tools window-tools iso ## the same ISO under UEFI (OVMF): a window, or COM1 until the halt
	QEMU=$(QEMU) PYTHON=$(PYTHON) OVMF_CODE=$(OVMF_CODE) tools/run.sh $(ISO) uefi

.PHONY: debug
debug: debug-tools iso ## boot in QEMU halted for gdb, which follows start into 64-bit code
	QEMU=$(QEMU) tools/debug.sh $(ISO) $(KERNEL)

.PHONY: test
test: test-tools ## host unit tests and boot tests; the last line is "N passed, N failed"
	$(MAKE) --no-print-directory iso disk host-tests
	$(PYTHON) -m pytest -p no:cacheprovider tests

.PHONY: bench
bench: run-tools iso ## median boot time against a 512-byte boot-sector floor, ISO/kernel sizes, clean build time
	$(PYTHON) tools/bench.py --build $(BUILD)

.PHONY: screenshot
screenshot: uefi-tools iso ## boot under BIOS and UEFI, save the screens as docs/screenshot{,-uefi}.png
	$(PYTHON) tools/qemu.py screenshot $(ISO) docs/screenshot.png
	$(PYTHON) tools/qemu.py screenshot --uefi $(ISO) docs/screenshot-uefi.png

.PHONY: build-tools run-tools uefi-tools window-tools debug-tools test-tools fuzz-tools disk-tools
build-tools:
	@tools/need.sh $(NEED_BUILD)
run-tools:
	@tools/need.sh $(NEED_RUN)
uefi-tools:
	@tools/need.sh $(NEED_UEFI)
window-tools:
	@tools/need.sh $(NEED_WINDOW)
debug-tools:
	@tools/need.sh $(NEED_DEBUG)
test-tools:
	@tools/need.sh $(NEED_TEST)
fuzz-tools:
	@tools/need.sh $(NEED_FUZZ)
disk-tools:
	@tools/need.sh $(NEED_DISK)

.PHONY: clean
clean: ## remove everything the build made
	rm -rf $(BUILD)

.PHONY: help
help: ## list the targets
	@sed -n 's/^\([a-z-]*\):.*## \(.*\)/  make \1\t\2/p' $(MAKEFILE_LIST) | expand -t 20
