#!/bin/sh
# run.sh: boot the ISO, or our own loader's disk image, in QEMU in the way
# the situation allows (`make run`, `make run-uefi`, `make run-loader`).
#
#   a graphical session  -> QEMU's window, COM1 on this terminal
#   a terminal only      -> no screen, COM1 on this terminal (the kernel
#                           prints everything there too); Ctrl-A X quits,
#                           QEMU's usual multiplexer keys, at any speed
#   no terminal (script) -> COM1 printed here, QEMU stopped once the kernel
#                           halts; the exit status says whether it halted
#                           after passing its self-checks
# tools/qemu.py does each (interactive --window, interactive, run), with
# the boot medium first, as the tests and `make bench` boot it.
# Usage: run.sh ISO|IMAGE.img [bios|uefi]: an ISO, or a raw disk image.
# QEMU, PYTHON and OVMF_CODE may be overridden from the environment.
set -eu

image=$1
firmware=${2:-bios}
python=${PYTHON:-/usr/bin/python3}
qemu_py=$(dirname "$0")/qemu.py
flags=""
case $image in
    *.img) flags="--disk" ;;
esac
case $firmware in
    bios) ;;
    uefi) flags="$flags --uefi" ;;
    *) echo "run.sh: the firmware is bios or uefi, not '$firmware'" >&2; exit 2 ;;
esac

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$python" "$qemu_py" interactive --window $flags "$image"
elif [ -t 0 ] && [ -t 1 ]; then
    echo "longboot in QEMU: COM1 on this terminal. To quit: Ctrl-A, then X."
    exec "$python" "$qemu_py" interactive $flags "$image"
else
    exec "$python" "$qemu_py" run $flags "$image"
fi
