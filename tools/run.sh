#!/bin/sh
# run.sh: boot the ISO, or our own loader's disk image, in QEMU in the way
# the situation allows (`make run`, `make run-uefi`, `make run-loader`).
#
#   a graphical session  -> QEMU's window, COM1 on this terminal
#   a terminal only      -> BIOS: the VGA screen drawn in the terminal
#                           (curses), COM1 logged to build/serial.log;
#                           UEFI: a framebuffer cannot be drawn there, so
#                           as in a script
#   no terminal (script) -> COM1 printed here, QEMU stopped once the kernel
#                           halts (tools/qemu.py run)
# Usage: run.sh ISO [bios|uefi], or run.sh IMAGE.img for a raw disk image
# (BIOS only). QEMU, PYTHON and OVMF_CODE may be overridden from the
# environment.
set -eu

iso=$1
firmware=${2:-bios}
qemu=${QEMU:-qemu-system-x86_64}
python=${PYTHON:-/usr/bin/python3}
build=$(dirname "$iso")
serial_log=$build/serial.log
medium="-cdrom $iso"
script_flags=""
case $iso in
    *.img)
        medium="-drive format=raw,file=$iso"
        script_flags="--disk"
        ;;
esac
machine="-machine pc -m 128M $medium -no-reboot"

if [ "$firmware" = uefi ]; then
    # OVMF keeps its variables in a second flash image; give it a fresh copy.
    ovmf_code=${OVMF_CODE:-/usr/share/OVMF/OVMF_CODE_4M.fd}
    ovmf_vars=$build/OVMF_VARS.fd
    cp "$(dirname "$ovmf_code")/OVMF_VARS_4M.fd" "$ovmf_vars"
    machine="$machine -drive if=pflash,format=raw,unit=0,readonly=on,file=$ovmf_code"
    machine="$machine -drive if=pflash,format=raw,unit=1,file=$ovmf_vars"
    script_flags="$script_flags --uefi"
fi

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec $qemu $machine -serial stdio
elif [ "$firmware" = bios ] && [ -t 0 ] && [ -t 1 ]; then
    echo "QEMU will draw the VGA screen in this terminal; COM1 goes to $serial_log."
    echo "To quit: press Alt+2 (or Esc, then 2) for the QEMU monitor, type quit, press Enter."
    printf "Press Enter to boot. "
    read -r _
    exec $qemu $machine -display curses -serial "file:$serial_log"
else
    exec "$python" "$(dirname "$0")/qemu.py" run $script_flags "$iso"
fi
