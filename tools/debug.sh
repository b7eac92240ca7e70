#!/bin/sh
# debug.sh: start QEMU halted with its gdb stub, then gdb with tools/debug.gdb
# (`make debug`). COM1 goes to this terminal; quitting gdb stops QEMU.
# Usage: debug.sh ISO KERNEL_ELF
set -eu

iso=$1
kernel=$2
qemu=${QEMU:-qemu-system-x86_64}
port=${GDB_PORT:-1234}

# QEMU writes COM1 to the terminal but reads nothing from it: its stdin
# is /dev/null, so every key goes to gdb and QEMU leaves the terminal's
# mode alone (a stdio serial port would put it in raw mode under gdb).
$qemu -machine pc -m 128M -cdrom "$iso" -boot d -no-reboot -display none \
    -serial stdio -gdb "tcp:127.0.0.1:$port" -S </dev/null &
qemu_pid=$!
trap 'kill $qemu_pid 2>/dev/null' EXIT INT TERM

gdb -nx -q -ex "file $kernel" -ex "target remote 127.0.0.1:$port" \
    -x "$(dirname "$0")/debug.gdb"
