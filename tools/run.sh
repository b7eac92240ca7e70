#!/bin/sh
# run.sh: boot the ISO in QEMU in the way the situation allows (`make run`).
#
#   a graphical session  -> QEMU's window, COM1 on this terminal
#   a terminal only      -> the VGA screen drawn in the terminal (curses),
#                           COM1 logged to build/serial.log
#   no terminal (script) -> COM1 printed here, QEMU stopped once the kernel
#                           halts (tools/qemu.py run)
# Usage: run.sh ISO. QEMU and PYTHON may be overridden from the environment.
set -eu

iso=$1
qemu=${QEMU:-qemu-system-x86_64}
python=${PYTHON:-/usr/bin/python3}
serial_log=$(dirname "$iso")/serial.log
machine="-machine pc -m 128M -cdrom $iso -no-reboot"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec $qemu $machine -serial stdio
elif [ -t 0 ] && [ -t 1 ]; then
    echo "QEMU will draw the VGA screen in this terminal; COM1 goes to $serial_log."
    echo "To quit: press Alt+2 (or Esc, then 2) for the QEMU monitor, type quit, press Enter."
    printf "Press Enter to boot. "
    read -r _
    exec $qemu $machine -display curses -serial "file:$serial_log"
else
    exec "$python" "$(dirname "$0")/qemu.py" run "$iso"
fi
