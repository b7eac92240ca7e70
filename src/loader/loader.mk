# loader.mk: longboot's own BIOS loader and the disk image it boots,
# included by the Makefile (which defines BUILD, INC, the tools, the
# kernel files and the host-test and fuzz rules used here).
#
#   make image [CMDLINE="..."]   $(LOADER_IMAGE): loader + stripped kernel
#   make run-loader              boot it in QEMU as `make run` boots the ISO
#
# The loader is NASM (real mode, protected mode, long mode) plus freestanding
# 64-bit C (the ELF checks, shared with later loaders, and the boot
# information), linked by src/loader/bios/loader.ld at 0x7C00 and turned
# into raw bytes. tools/loader_image.py then lays out the image (layout.h).

LOADER_DIR := src/loader
LOADER_BUILD := $(BUILD)/loader
LOADER_ELF := $(LOADER_BUILD)/loader.elf
LOADER_BIN := $(LOADER_BUILD)/loader.bin
LOADER_IMAGE := $(BUILD)/longboot-loader.img

LOADER_ASM := $(sort $(wildcard $(LOADER_DIR)/bios/*.asm))
LOADER_C := $(addprefix $(LOADER_DIR)/,elf.c memory.c) $(sort $(wildcard $(LOADER_DIR)/bios/*.c))
LOADER_OBJECTS := $(LOADER_ASM:src/%.asm=$(BUILD)/%.o) $(LOADER_C:src/%.c=$(BUILD)/%.o)
# The constants headers the loader's assembly reads: the kernel's and its own.
LOADER_INCS := $(SHARED_HEADERS:%=$(INC)/%.inc) $(INC)/layout.inc $(LOADER_DIR)/bios/message.inc

# Loader C flags: the kernel's rules of the road, but small (-Oz, in GCC
# 12 and clang alike; unused functions dropped at link time). It runs in 64-bit mode at low addresses.
LOADER_CFLAGS := -std=c11 -Oz -g -Wall -Wextra -Werror
LOADER_CFLAGS += -ffreestanding            # no hosted libc; memory.c has the memory functions
LOADER_CFLAGS += $(FREESTANDING_INCLUDES)  # as the kernel: the compiler's headers only
LOADER_CFLAGS += -fno-stack-protector      # no canary: nothing sets up __stack_chk_guard
LOADER_CFLAGS += -fno-pic -fno-pie         # linked at fixed addresses below 64 KiB
LOADER_CFLAGS += -mno-mmx -mno-sse -mno-sse2 -mno-80387 # CR4.OSFXSR is off
LOADER_CFLAGS += -fno-asynchronous-unwind-tables # no .eh_frame: nothing unwinds
LOADER_CFLAGS += -ffunction-sections -fdata-sections # lets --gc-sections drop what is unused
LOADER_CFLAGS += -MMD -MP -Isrc

LOADER_LDFLAGS := -m elf_x86_64 -nostdlib -T $(LOADER_DIR)/bios/loader.ld
LOADER_LDFLAGS += --gc-sections -z noexecstack --fatal-warnings
LOADER_LDFLAGS += --no-warn-rwx-segments   # one flat image of code and data, as the BIOS runs it

$(INC)/layout.inc: $(LOADER_DIR)/bios/layout.h tools/h2inc.sed $(BUILD_INPUTS)
	@mkdir -p $(@D)
	sed -n -f tools/h2inc.sed $< > $@

$(BUILD)/loader/%.o: src/loader/%.asm $(LOADER_INCS) $(LOADER_DIR)/loader.mk $(BUILD_INPUTS) | build-tools
	@mkdir -p $(@D)
	$(NASM) $(NASMFLAGS) -I$(LOADER_DIR)/bios/ -MD $(@:.o=.d) -MP -o $@ $<

$(BUILD)/loader/%.o: src/loader/%.c $(LOADER_DIR)/loader.mk $(BUILD_INPUTS) | build-tools
	@mkdir -p $(@D)
	$(CC) $(strip $(LOADER_CFLAGS)) -c -o $@ $<

$(LOADER_ELF): $(LOADER_OBJECTS) $(LOADER_DIR)/bios/loader.ld
	$(LD) $(strip $(LOADER_LDFLAGS)) -o $@ $(LOADER_OBJECTS)

$(LOADER_BIN): $(LOADER_ELF)
	$(OBJCOPY) -O binary $< $@

-include $(LOADER_OBJECTS:.o=.d)

# The command line (CMDLINE, the Makefile's CMDLINE_FILE) goes into the image.
$(LOADER_IMAGE): $(LOADER_BIN) $(BOOT_KERNEL) $(CMDLINE_FILE) tools/loader_image.py
	$(PYTHON) tools/loader_image.py --loader $(LOADER_BIN) --kernel $(BOOT_KERNEL) \
	    --cmdline-file $(CMDLINE_FILE) --output $@

.PHONY: image
image: $(LOADER_IMAGE) ## disk image with our own BIOS loader (build/longboot-loader.img); CMDLINE="..." for the kernel

.PHONY: run-loader
run-loader: run-tools window-tools image ## boot the loader image in QEMU: a window, the terminal, or COM1 until the halt
	QEMU=$(QEMU) PYTHON=$(PYTHON) tools/run.sh $(LOADER_IMAGE)

# Host tests of the loader's C, linked like the kernel's (Makefile's rule).
$(BUILD)/host/test_elf: $(LOADER_DIR)/elf.c
$(BUILD)/host/test_boot_info: $(LOADER_DIR)/bios/boot_info.c $(BOOTINFO_C) tests/unit/fake_rsdp.c

# Fuzzing the ELF checks with libFuzzer, seeded with the real kernel.
FUZZ_ELF := $(BUILD)/fuzz/fuzz_elf

$(FUZZ_ELF): tests/fuzz/fuzz_elf.c $(LOADER_DIR)/elf.c $(HOST_HEADERS) $(BUILD_INPUTS) | fuzz-tools
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -g -O1 -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined -Isrc -o $@ $(filter %.c,$^)

.PHONY: fuzz-elf
fuzz-elf: $(FUZZ_ELF) $(BOOT_KERNEL) ## fuzz the loader's ELF checks for FUZZ_SECONDS (default 60)
	@mkdir -p $(BUILD)/fuzz/elf-corpus
	cp $(BOOT_KERNEL) $(BUILD)/fuzz/elf-corpus/longboot.elf
	$(FUZZ_ELF) -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/elf-corpus
