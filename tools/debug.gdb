# debug.gdb: follow longboot from GRUB's jump into `start` to kmain
# (`make debug`). The caller connects first: -ex "target remote HOST:PORT".
#
# QEMU's stub always reports the 64-bit register file, so gdb decodes
# every instruction as 64-bit code and will not switch to i386. Until
# long_mode_start, read the NASM source lines instead (`list`, `stepi`
# shows the line), since `x/i` would misdecode 32-bit code.
# Breakpoints are hardware ones: GRUB copies the kernel into place after
# gdb attaches, which would overwrite software breakpoints.

set pagination off
set confirm off

hbreak start
continue
echo \n[longboot] start: 32-bit protected mode, GRUB's state. EAX must be the Multiboot2 magic.\n
info registers eax ebx esp eflags
list start

hbreak enter_long_mode
continue
echo \n[longboot] enter_long_mode: paging on, EFER.LME set; next the far jump to 64-bit code.\n
info registers cr0 cr3 cr4 efer
list enter_long_mode

hbreak long_mode_start
continue
echo \n[longboot] long_mode_start: 64-bit mode.\n
info registers cs rip
x/6i $pc

hbreak kmain
continue
echo \n[longboot] kmain: C code from here on; try `next`, `bt`, `info registers`.\n
