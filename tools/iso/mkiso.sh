#!/bin/sh
# mkiso.sh: a hybrid BIOS + UEFI ISO booting GRUB, from a file tree (make iso).
#
# Usage: mkiso.sh TREE ISO
# TREE holds boot/grub/grub.cfg, boot/kernel.elf and whatever else the ISO
# carries; GRUB's files are added to it, then the ISO is written to ISO.
# docs/iso.md explains the layout. In short, for each firmware GRUB gets
# exactly the modules grub.cfg needs (tools/iso/grub_modules.py reads
# GRUB's own command.lst and moddep.lst):
#   BIOS  boot/grub/i386-pc/eltorito.img, GRUB's core image behind GRUB's
#         CD boot sector, with only what reads the ISO and a configuration
#         of its own that loads the unpacker; beside it the unpacker's
#         modules as GRUB ships them, and the rest LZO-compressed with
#         CRC-32 checks (see PC_CORE_MODULES), with a command.lst naming
#         the commands they provide.
#   UEFI  boot/grub/efi.img, a FAT image just large enough for
#         EFI/BOOT/BOOTX64.EFI, which holds every module it needs
#         (on UEFI, modules built in boot faster than modules read).
# Both look for grub.cfg in /boot/grub on the device they started from.
#
# Every date written is SOURCE_DATE_EPOCH (the Makefile sets it from the
# last commit), so the same sources give the same ISO, byte for byte.
# Tools come from the environment: GRUB_MKIMAGE, XORRISO, LZOP_COMMAND,
# PYTHON, and the module directories GRUB_PC_DIR and GRUB_EFI_DIR.
set -eu

tree=$1
iso=$2
: "${SOURCE_DATE_EPOCH:?the date every file in the ISO carries (make sets it)}"
grub_mkimage=${GRUB_MKIMAGE:-grub-mkimage}
xorriso=${XORRISO:-xorriso}
lzop=${LZOP_COMMAND:-lzop}
# lzop adds options from $LZOP to its command line; ours are all given.
unset LZOP
python=${PYTHON:-/usr/bin/python3}
pc_dir=${GRUB_PC_DIR:-/usr/lib/grub/i386-pc}
efi_dir=${GRUB_EFI_DIR:-/usr/lib/grub/x86_64-efi}
modules=$(dirname "$0")/grub_modules.py
config=$tree/boot/grub/grub.cfg
prefix=/boot/grub
work=$iso.work

# What the BIOS core image needs to read the rest from the ISO: the BIOS
# disk services (a CD, or the disk the ISO was written to) and ISO 9660.
# GRUB always LZMA-compresses the BIOS core image and unpacking it is slow
# (docs/iso.md, "Time on BIOS"), so the core holds nothing more.
PC_CORE_MODULES="biosdisk iso9660"
# What unpacks the other modules and checks them: LZO's unpacker (lzopio)
# and the CRC-32 it checks by (gcry_crc). The core's own configuration
# loads them, with what they need (crypto), before GRUB loads normal;
# they lie on the ISO as GRUB ships them, since nothing could unpack them.
# LZO, because lzopio unpacks the modules in far fewer instructions than
# gunzip's gzio (docs/iso.md has the measurements).
PC_UNPACKER_MODULES="lzopio gcry_crc"
# lzop's checksums: CRC-32 (what gcry_crc provides) of the unpacked data
# (--crc32) and of the packed data (-CC: given twice, lzop's -C adds that
# second checksum; once, it changes nothing, and lzop(1) calls -C
# deprecated, so tests/boot/test_iso.py checks every header's flags).
# lzopio checks each kind the header names, but it sizes the unpacked
# check's workspace from the packed check's, so a file with only the one
# would make it read through a null pointer; with both, GRUB checks
# every block twice (a block stored unpacked, once).
LZOP_CHECKS="--crc32 -CC"
# UEFI's disk access is in GRUB's EFI kernel; it reads ISO 9660 too.
EFI_READ_MODULES="iso9660"
# FAT12's own sectors in efi.img (boot sector, two FATs, the root
# directory) and the clusters of EFI/ and EFI/BOOT/, beyond BOOTX64.EFI.
EFI_IMG_OVERHEAD_KIB=16
# FAT's volume serial number, otherwise drawn at random.
EFI_IMG_SERIAL=4c4f4e47
# No padding at the ISO's end (xorriso's own default is 300 KiB). GRUB
# reads through its disk cache in aligned blocks of 32 KiB, so it can read
# up to 32 KiB past the last file, but the GPT's backup copy, which
# xorriso writes after the last file, is those 32 KiB already
# (tests/boot/test_iso.py checks that every file's blocks lie inside).
ISO_PADDING=0

rm -rf "$work"
mkdir -p "$work" "$tree$prefix/i386-pc"

# BIOS: the El Torito image with its configuration (which GRUB's kernel
# runs line by line, without normal's shell: plain commands only), the
# unpacker's modules, and the modules grub.cfg needs beyond them, packed.
printf 'insmod %s\n' $PC_UNPACKER_MODULES > "$work/core.cfg"
"$grub_mkimage" -O i386-pc-eltorito -d "$pc_dir" -p "$prefix" -c "$work/core.cfg" \
    -o "$tree$prefix/i386-pc/eltorito.img" $PC_CORE_MODULES
unpacker_modules=$("$python" "$modules" "$pc_dir" "$work/core.cfg" --embedded \
    --without $PC_CORE_MODULES)
for module in $unpacker_modules; do
    cp "$pc_dir/$module.mod" "$tree$prefix/i386-pc/$module.mod"
done
packed_modules=$("$python" "$modules" "$pc_dir" "$config" \
    --without $PC_CORE_MODULES $unpacker_modules)
for module in $packed_modules; do
    # lzop's header holds the input's mode and date, even from stdin.
    cp "$pc_dir/$module.mod" "$work/$module.mod"
    chmod 644 "$work/$module.mod"
    touch -d "@$SOURCE_DATE_EPOCH" "$work/$module.mod"
    "$lzop" -9 $LZOP_CHECKS --stdout < "$work/$module.mod" > "$tree$prefix/i386-pc/$module.mod"
done
# command.lst for the carried modules only: a command of a module the ISO
# lacks stays unknown rather than failing to load.
pattern=$(echo $unpacker_modules $packed_modules | tr ' ' '|')
grep -E ": ($pattern)\$" "$pc_dir/command.lst" > "$tree$prefix/i386-pc/command.lst" || {
    echo "mkiso.sh: no command in $pc_dir/command.lst belongs to the modules carried" >&2
    exit 1
}

# UEFI: GRUB with its modules built in, in a FAT image sized to fit it.
efi_modules=$("$python" "$modules" "$efi_dir" "$config" --also $EFI_READ_MODULES)
"$grub_mkimage" -O x86_64-efi -d "$efi_dir" -p "$prefix" -o "$work/BOOTX64.EFI" $efi_modules
efi_kib=$(( ($(stat -c %s "$work/BOOTX64.EFI") + 1023) / 1024 + EFI_IMG_OVERHEAD_KIB ))
efi_img=$tree$prefix/efi.img
rm -f "$efi_img"
truncate -s "${efi_kib}K" "$efi_img"
mformat -i "$efi_img" -N "$EFI_IMG_SERIAL" ::
mmd -i "$efi_img" ::/EFI ::/EFI/BOOT
mcopy -i "$efi_img" "$work/BOOTX64.EFI" ::/EFI/BOOT/BOOTX64.EFI

# Every file dated SOURCE_DATE_EPOCH, not the time of this build.
find "$tree" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

# The ISO. El Torito's BIOS entry is eltorito.img, loaded 4 sectors of 512
# bytes (cdboot) which load the rest, told where by the boot info table
# xorriso patches in (-boot-info-table). --grub2-mbr puts GRUB's hybrid
# boot sector into the ISO's first 512 bytes, and --grub2-boot-info tells
# it where the core image lies, so a BIOS boots the ISO as a disk too.
# efi.img is El Torito's UEFI entry (--efi-boot) and, for UEFI booting the
# ISO as a disk, a partition of type EFI system (-efi-boot-part).
"$xorriso" -as mkisofs -quiet -rational-rock -volid LONGBOOT \
    -eltorito-boot boot/grub/i386-pc/eltorito.img -no-emul-boot -boot-load-size 4 \
    -boot-info-table --grub2-boot-info --grub2-mbr "$pc_dir/boot_hybrid.img" \
    --efi-boot boot/grub/efi.img -efi-boot-part --efi-boot-image \
    --protective-msdos-label \
    -output "$iso" "$tree" -- -padding "$ISO_PADDING"
rm -rf "$work"
