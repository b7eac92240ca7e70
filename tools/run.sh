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
#                           after passing its self-checks (tools/qemu.py run)
# Usage: run.sh ISO|IMAGE.img [bios|uefi]: an ISO, or a raw disk image.
# QEMU, PYTHON and OVMF_CODE may be overridden from the environment.
set -eu

iso=$1
firmware=${2:-bios}
qemu=${QEMU:-qemu-system-x86_64}
python=${PYTHON:-/usr/bin/python3}
build=$(dirname "$iso")
case $iso in
    *.img) kind=disk script_flags="--disk" ;;
    *)     kind=cd script_flags="" ;;
esac
# The boot medium first. Under a BIOS, -boot d: QEMU's default order tries
# the hard disk and the floppy before the CD, tens of milliseconds. Under
# UEFI, bootindex=1, which QEMU passes OVMF as its boot order: OVMF then
# starts only that device, not also the network card, whose iPXE driver
# would stop the card again inside ExitBootServices, about 0.1 s under TCG.
# tools/qemu.py (CD_FIRST, boot_medium) boots the same ways.
case $firmware-$kind in
    bios-cd)   medium="-cdrom $iso -boot d" ;;
    bios-disk) medium="-drive format=raw,file=$iso" ;;
    uefi-cd)   medium="-drive if=none,id=boot,format=raw,media=cdrom,readonly=on,file=$iso"
               medium="$medium -device ide-cd,drive=boot,bootindex=1" ;;
    uefi-disk) medium="-drive if=none,id=boot,format=raw,file=$iso"
               medium="$medium -device ide-hd,drive=boot,bootindex=1" ;;
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
elif [ -t 0 ] && [ -t 1 ]; then
    echo "longboot in QEMU: COM1 on this terminal. To quit: Ctrl-A, then X."
    exec $qemu $machine -display none -serial mon:stdio
else
    exec "$python" "$(dirname "$0")/qemu.py" run $script_flags "$iso"
fi
