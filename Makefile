# longboot: a 64-bit x86 kernel that GRUB boots through Multiboot2.
# `make help` lists the targets. Tools can be overridden: `CC=clang make`.

.SUFFIXES:
MAKEFLAGS += --no-builtin-rules
.DELETE_ON_ERROR:
.SECONDARY:
.DEFAULT_GOAL := all

BUILD ?= build
NASM ?= nasm
ifeq ($(origin LD),default)
LD := ld
endif
OBJDUMP ?= objdump
OBJCOPY ?= objcopy
NM ?= nm
GRUB_FILE ?= grub-file
GRUB_MKIMAGE ?= grub-mkimage
XORRISO ?= xorriso
# Not LZOP: lzop reads its default options from the environment variable LZOP.
LZOP_COMMAND ?= lzop
GRUB_SCRIPT_CHECK ?= grub-script-check
# In /usr/sbin, which a normal user's PATH on Debian lacks.
SFDISK ?= /usr/sbin/sfdisk
MKE2FS ?= /usr/sbin/mke2fs
DEBUGFS ?= /usr/sbin/debugfs
QEMU ?= qemu-system-x86_64
# Debian's python3, where python3-pytest installs pytest.
PYTHON ?= /usr/bin/python3
# libFuzzer comes with clang only, in the runtime package of its version.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
# UEFI firmware for `make run-uefi` and the UEFI boot tests.
OVMF_CODE := /usr/share/OVMF/OVMF_CODE_4M.fd
# GRUB's modules and boot images for BIOS and for UEFI, for the ISO and the disks.
GRUB_PC_DIR := /usr/lib/grub/i386-pc
GRUB_EFI_DIR := /usr/lib/grub/x86_64-efi
# The framebuffer console's 8x16 font, turned into C by tools/font.py.
FONT_PSF := /usr/share/consolefonts/Uni2-VGA16.psf.gz

# The one date every image carries (file times, volume dates, serial
# numbers drawn from them), so a rebuild gives the same bytes: the last
# commit's date; outside a git checkout (an unpacked tarball), a fixed day,
# 2026-01-01 00:00 UTC. xorriso, mtools and our scripts read it from the
# environment.
SOURCE_DATE_FALLBACK := 1767225600
SOURCE_DATE_EPOCH ?= $(or $(shell if git -C "$(CURDIR)" rev-parse --git-dir >/dev/null 2>&1; then \
    git -C "$(CURDIR)" log -1 --format=%ct; fi),$(SOURCE_DATE_FALLBACK))
export SOURCE_DATE_EPOCH
# mtools writes FAT dates in local time: the same date must give the same
# bytes in every time zone.
export TZ := UTC

# The Debian packages behind each kind of target, as WHAT:PACKAGE pairs
# for tools/need.sh (WHAT is a command, or a path that must exist).
NEED_BUILD := $(firstword $(CC)):$(if $(findstring clang,$(CC)),clang,gcc) ld:binutils
NEED_BUILD += nasm:nasm grub-file:grub-common grub-mkimage:grub-common
NEED_BUILD += $(GRUB_PC_DIR):grub-pc-bin $(GRUB_EFI_DIR):grub-efi-amd64-bin
NEED_BUILD += $(XORRISO):xorriso mformat:mtools $(LZOP_COMMAND):lzop
NEED_BUILD += $(PYTHON):python3 $(FONT_PSF):console-setup-linux
NEED_RUN := $(NEED_BUILD) $(QEMU):qemu-system-x86 $(PYTHON):python3
# QEMU's window needs its GTK module, but only where there is a display.
NEED_WINDOW := $(if $(DISPLAY)$(WAYLAND_DISPLAY),/usr/lib/x86_64-linux-gnu/qemu/ui-gtk.so:qemu-system-gui)
NEED_UEFI := $(NEED_RUN) $(OVMF_CODE):ovmf
NEED_DEBUG := $(NEED_RUN) gdb:gdb
NEED_TEST := $(NEED_DEBUG) /usr/lib/python3/dist-packages/pytest:python3-pytest
NEED_TEST += /usr/include/stdio.h:libc6-dev $(NEED_UEFI)
NEED_DISK := $(NEED_BUILD) grub-script-check:grub-common
NEED_DISK += $(SFDISK):fdisk $(MKE2FS):e2fsprogs $(DEBUGFS):e2fsprogs $(PYTHON):python3
NEED_TEST += $(NEED_DISK)
# Our own loader's image also boots under Bochs, whose BIOS is not SeaBIOS.
NEED_TEST += bochs:bochs /usr/share/bochs/BIOS-bochs-latest:bochsbios /usr/share/vgabios/vgabios.bin:vgabios
# The README's `sudo update-grub`, run for real in a mount namespace, and
# its USB-stick commands, run on a loop device.
NEED_TEST += /usr/sbin/update-grub:grub2-common /usr/sbin/losetup:mount partx:util-linux

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
KERNEL_CFLAGS += -ffreestanding            # no hosted libc: no library calls assumed
# The compiler's own freestanding headers (stddef.h, stdint.h...), never the host's C library's.
# The shell asks the compiler where they are when a recipe runs, after
# build-tools has installed it on a fresh machine ($$ keeps the $( for it).
FREESTANDING_INCLUDES := -nostdinc -isystem "$$($(CC) -print-file-name=include)"
KERNEL_CFLAGS += $(FREESTANDING_INCLUDES)
KERNEL_CFLAGS += -fno-stack-protector      # no canary: nothing sets up __stack_chk_guard
KERNEL_CFLAGS += -fno-pic -fno-pie         # linked at a fixed 1 MiB address: no GOT, no PLT
KERNEL_CFLAGS += -mcmodel=small            # all code and data below 2 GiB (kernel model is for the top 2 GiB)
KERNEL_CFLAGS += -mno-red-zone             # an interrupt would overwrite the 128 bytes below RSP
KERNEL_CFLAGS += -mno-mmx -mno-sse -mno-sse2 -mno-80387 # CR4.OSFXSR is off and no FPU state is saved
KERNEL_CFLAGS += -fno-asynchronous-unwind-tables # no .eh_frame: nothing unwinds
KERNEL_CFLAGS += -fno-omit-frame-pointer   # RBP chains for gdb and the stack-alignment self-check
KERNEL_CFLAGS += -MMD -MP                  # header dependencies
KERNEL_CFLAGS += -Isrc                    # includes name their path from src/

NASMFLAGS := -f elf64 -g -F dwarf -w+error -I$(INC)/ -I$(ARCH)/boot/

LINKER_SCRIPT := $(BUILD)/linker.ld
LDFLAGS_KERNEL := -m elf_x86_64 -nostdlib -T $(LINKER_SCRIPT)
LDFLAGS_KERNEL += -z max-page-size=0x1000  # keeps the Multiboot2 header in the file's first 32 KiB
LDFLAGS_KERNEL += -z noexecstack           # NASM objects carry no .note.GNU-stack
LDFLAGS_KERNEL += --fatal-warnings

# Everything is rebuilt when the Makefile changes, and when the tools or
# their flags do (CC=clang after a gcc build): FLAGS_STAMP holds them and
# is rewritten only when they differ from the last build's.
FLAGS_STAMP := $(BUILD)/flags
BUILD_INPUTS := Makefile $(FLAGS_STAMP)
TOOLCHAIN = $(CC) $(KERNEL_CFLAGS) | $(NASM) $(NASMFLAGS) | $(LD) $(LDFLAGS_KERNEL) | $(HOST_CFLAGS)

$(FLAGS_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(strip $(TOOLCHAIN))' | cmp -s - $@ || echo '$(strip $(TOOLCHAIN))' > $@

# Images carry SOURCE_DATE_EPOCH in their dates, so they are rebuilt when
# it changes (a new commit): DATE_STAMP holds it, rewritten only then.
DATE_STAMP := $(BUILD)/source-date-epoch
IMAGE_INPUTS := $(BUILD_INPUTS) $(DATE_STAMP)

$(DATE_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(SOURCE_DATE_EPOCH)' | cmp -s - $@ || echo '$(SOURCE_DATE_EPOCH)' > $@

.PHONY: FORCE
FORCE:

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

# linker.ld takes its numbers from the constants headers, through the C preprocessor.
$(LINKER_SCRIPT): linker.ld $(BUILD_INPUTS) | build-tools
	@mkdir -p $(@D)
	$(CC) -E -P -undef -x c -Isrc -MMD -MP -MF $@.d -MT $@ -o $@ $<

-include $(LINKER_SCRIPT).d

# The link fails if GRUB would not find the Multiboot2 header.
$(KERNEL): $(OBJECTS) $(LINKER_SCRIPT)
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

# CMDLINE="..." gives the kernel a command line without editing grub.cfg:
# our loader's image always carries it (make image), and make iso, run and
# run-uefi then use a second ISO whose menu entry passes it, so the
# default ISO stays as it is. CMDLINE_FILE changes only when CMDLINE does,
# so what carries it is rebuilt exactly then; CMDLINE reaches the shell
# through the environment, so quotes in it stay as typed.
CMDLINE ?=
export CMDLINE
CMDLINE_FILE := $(BUILD)/cmdline.txt
CMDLINE_ISO := $(BUILD)/longboot-cmdline.iso
BOOT_ISO := $(if $(CMDLINE),$(CMDLINE_ISO),$(ISO))

$(CMDLINE_FILE): FORCE
	@mkdir -p $(@D)
	@printf '%s' "$$CMDLINE" | cmp -s - $@ || printf '%s' "$$CMDLINE" > $@

# `make iso`: the hybrid BIOS + UEFI ISO, and the one passing CMDLINE.
include tools/iso/iso.mk

# Installing into an existing GRUB: the kernel goes to BOOTDIR, and a
# grub-mkconfig helper to GRUBDDIR, whence update-grub pastes its menu
# entry into grub.cfg. DESTDIR prefixes both, for staging and packaging;
# every path is quoted, as DESTDIR may hold spaces (make disk passes one
# inside the checkout).
DESTDIR ?=
BOOTDIR ?= /boot
GRUBDDIR ?= /etc/grub.d
GRUBD_SCRIPT := grub.d/42_longboot

.PHONY: install
install: $(BOOT_KERNEL) ## BOOTDIR/longboot.elf and /etc/grub.d/42_longboot (DESTDIR honoured); then run update-grub
	install -d '$(DESTDIR)$(BOOTDIR)' '$(DESTDIR)$(GRUBDDIR)'
	install -m 644 $(BOOT_KERNEL) '$(DESTDIR)$(BOOTDIR)/longboot.elf'
	sed 's|^bootdir="/boot"$$|bootdir="$(BOOTDIR)"|' $(GRUBD_SCRIPT) > '$(DESTDIR)$(GRUBDDIR)/42_longboot'
	chmod 755 '$(DESTDIR)$(GRUBDDIR)/42_longboot'

.PHONY: uninstall
uninstall: ## remove what make install put in place; then run update-grub
	rm -f '$(DESTDIR)$(BOOTDIR)/longboot.elf' '$(DESTDIR)$(GRUBDDIR)/42_longboot'

# `make disk`: the BIOS and UEFI disk images with GRUB installed.
include tools/disk/disk.mk

# Host unit tests: pure kernel C built for Linux under ASan and UBSan,
# each test file linked with the kernel sources it tests.
HOST_CFLAGS := -std=c11 -g -O1 -Wall -Wextra -Werror -fno-omit-frame-pointer
HOST_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_CFLAGS += -Isrc -Itests/unit
# One compile-and-link per test gives one dependency file for several
# sources, so the tests simply depend on every header.
HOST_HEADERS := $(shell find src -name '*.h') $(wildcard tests/unit/*.h)
HOST_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/host/%,$(wildcard tests/unit/test_*.c))

BOOTINFO_C := $(addprefix src/kernel/bootinfo/,bootinfo.c bootinfo_tags.c bootinfo_fixed_tags.c)
# Every test_bootinfo_* builds MBIs and parses them.
MBI_BUILDER_C := tests/unit/mbi_builder.c
BOOTINFO_TESTS := $(filter $(BUILD)/host/test_bootinfo_%,$(HOST_TESTS))
TEXT_GRID_C := src/kernel/console/text_grid.c
GRID_TEST_C := $(TEXT_GRID_C) tests/unit/grid_check.c
FBCON_TEST_C := src/kernel/console/fbcon.c $(TEXT_GRID_C) $(FONT_C) tests/unit/fake_framebuffer.c
$(BUILD)/host/test_format: src/kernel/format.c
$(BUILD)/host/test_text_grid: $(GRID_TEST_C)
$(BUILD)/host/test_text_grid_write: $(GRID_TEST_C)
$(BUILD)/host/test_text_grid_wrap: $(GRID_TEST_C)
$(BUILD)/host/test_text_grid_move: $(GRID_TEST_C)
$(BUILD)/host/test_vga_text: $(ARCH)/drivers/vga_text.c $(TEXT_GRID_C)
$(BUILD)/host/test_fbcon: $(FBCON_TEST_C)
$(BUILD)/host/test_fbcon_grid: $(FBCON_TEST_C)
$(BUILD)/host/test_cmdline: src/kernel/cmdline.c
$(BUILD)/host/test_report: src/kernel/bootinfo/report.c src/kernel/escape.c $(BOOTINFO_C) tests/unit/capture.c
$(BOOTINFO_TESTS): $(BOOTINFO_C) $(MBI_BUILDER_C) tests/unit/bootinfo_check.c
$(BUILD)/host/test_page_tables: $(ARCH)/paging/page_tables.c
$(BUILD)/host/test_crash_report: src/kernel/crash_report.c tests/unit/capture.c
$(BUILD)/host/test_memory_carve: src/kernel/memory_carve.c
# Drivers get recorded port I/O in place of io.h (tests/unit/fake_io.h).
$(BUILD)/host/test_serial: $(ARCH)/drivers/serial.c tests/unit/fake_io.c
$(BUILD)/host/test_serial: HOST_CFLAGS += -include tests/unit/fake_io.h

$(BUILD)/host/test_%: tests/unit/test_%.c tests/unit/check.c $(HOST_HEADERS) $(BUILD_INPUTS) | build-tools
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $(filter %.c,$^)

.PHONY: host-tests
host-tests: $(HOST_TESTS) ## build the host unit tests

# Fuzzing the boot-information parser with libFuzzer, seeded with the
# GRUB-like layouts the unit tests build (tests/unit/mbi_builder.c).
# Findings land in $(BUILD)/fuzz/.
FUZZ := $(BUILD)/fuzz/fuzz_bootinfo
FUZZ_SEED_WRITER := $(BUILD)/fuzz/write_seeds
FUZZ_SEEDS := $(BUILD)/fuzz/corpus/.seeded

$(FUZZ): tests/fuzz/fuzz_bootinfo.c $(BOOTINFO_C) $(HOST_HEADERS) $(BUILD_INPUTS) | fuzz-tools
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -g -O1 -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined -Isrc -o $@ $(filter %.c,$^)

$(FUZZ_SEED_WRITER): tests/fuzz/write_seeds.c $(MBI_BUILDER_C) $(HOST_HEADERS) $(BUILD_INPUTS) | build-tools
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $(filter %.c,$^)

$(FUZZ_SEEDS): $(FUZZ_SEED_WRITER)
	@mkdir -p $(@D)
	$< $(@D)
	touch $@

.PHONY: fuzz
fuzz: $(FUZZ) $(FUZZ_SEEDS) ## fuzz the boot-information parser for FUZZ_SECONDS (default 60)
	$(FUZZ) -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/corpus

# Our own BIOS loader and its disk image: make image, make run-loader.
include src/loader/loader.mk

# Our own UEFI loader and its ESP image: make esp-image, make run-loader-uefi.
include src/loader/uefi/uefi.mk
NEED_TEST += $(NEED_ESP)

.PHONY: run
run: run-tools window-tools iso ## boot in QEMU: a window, the terminal, or (in a script) COM1 until the halt; CMDLINE="..."
	QEMU=$(QEMU) PYTHON=$(PYTHON) tools/run.sh $(BOOT_ISO)

.PHONY: run-uefi
run-uefi: uefi-tools window-tools iso ## the same ISO under UEFI (OVMF): a window, or COM1 until the halt
	QEMU=$(QEMU) PYTHON=$(PYTHON) OVMF_CODE=$(OVMF_CODE) tools/run.sh $(BOOT_ISO) uefi

.PHONY: debug
debug: debug-tools iso ## boot in QEMU halted for gdb, which follows start into 64-bit code
	QEMU=$(QEMU) tools/debug.sh $(ISO) $(KERNEL)

.PHONY: test
test: test-tools fuzz-tools ## all tests (or those whose names match T=..., as pytest -k); last line "N passed, N failed"
	$(MAKE) --no-print-directory iso disk image esp-image host-tests
	$(PYTHON) -m pytest -p no:cacheprovider tests $(if $(T),-k '$(T)')

# `make bench` and `make compare` boot each way ROUNDS times, but bench
# boots BIOS BIOS_ROUNDS times: those boots take a second a round, and on
# a shared machine the median's ratio to the floor moves by about 0.5x
# across sets of 7 rounds, by about 0.1x across sets of 21 or more.
ROUNDS ?= 7
BIOS_ROUNDS ?= 31

.PHONY: bench
bench: uefi-tools iso ## BIOS boot time (default order, CD first) against a 512-byte floor (BIOS_ROUNDS=31), UEFI time in GRUB and kernel (ROUNDS=7), sizes, clean build time
	$(PYTHON) tools/bench.py --build $(BUILD) --runs $(BIOS_ROUNDS) --uefi-runs $(ROUNDS)

# Both ways to boot on both firmwares side by side, in one run: GRUB (the
# ISO) and our own loaders (their images), interleaved with bench's
# 512-byte floor and the UEFI floor. Like bench, it boots $(ISO), the ISO
# with the default menu entry.
.PHONY: compare
compare: run-tools uefi-tools $(ISO) disk image esp-image uefi-floor ## GRUB against our own loaders on BIOS and UEFI: sizes, boot time (ROUNDS=7) and where it goes; build/compare.{md,svg}
	$(PYTHON) tools/compare.py --rounds $(ROUNDS) --build $(BUILD)

# The README shows the screenshots in docs/; a test takes them elsewhere
# and compares.
SCREENSHOTS ?= docs

.PHONY: screenshot
screenshot: uefi-tools iso ## boot under BIOS and UEFI, save the screens as docs/screenshot{,-uefi}.png
	$(PYTHON) tools/qemu.py screenshot $(ISO) '$(SCREENSHOTS)/screenshot.png'
	$(PYTHON) tools/qemu.py screenshot --uefi $(ISO) '$(SCREENSHOTS)/screenshot-uefi.png'

# NAME-tools checks (and installs) the packages in NEED_NAME.
TOOL_SETS := build run uefi window debug test disk esp
.PHONY: $(TOOL_SETS:%=%-tools) fuzz-tools
$(TOOL_SETS:%=%-tools): %-tools:
	@tools/need.sh $(NEED_$(shell echo $* | tr a-z A-Z))

# clang first, then libFuzzer where that clang looks for it, from the
# runtime package of that clang's major version (libclang-rt-14-dev...).
fuzz-tools:
	@tools/need.sh $(FUZZ_CC):clang
	@tools/need.sh "$$($(FUZZ_CC) -print-file-name=libclang_rt.fuzzer-x86_64.a):libclang-rt-$$($(FUZZ_CC) -dumpversion | cut -d. -f1)-dev"

.PHONY: clean
clean: ## remove everything the build made
	rm -rf $(BUILD)

# `make print-VAR` shows a variable as this Makefile computes it (the tests use it).
print-%:
	@echo '$(strip $($*))'

.PHONY: help
help: ## list the targets
	@sed -n 's/^\([a-z-]*\):.*## \(.*\)/\1\t\2/p' $(MAKEFILE_LIST) | \
	    awk -F '\t' '{ printf "  make %-16s  %s\n", $$1, $$2 }'
