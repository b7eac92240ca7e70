; stage1.asm: the boot sector (MBR) of longboot's own BIOS loader.
;
; Mode: 16-bit real mode, interrupts on; the BIOS's interrupt vectors.
; Receives: the BIOS loaded this sector at 0000:7C00 and jumped to it with
;           DL = the boot drive. Nothing else is assumed.
; Hands on: jumps to stage2_start (stage2.asm) with stage 2 loaded right
;           behind this sector, CS = DS = ES = SS = 0, SP = LOADER_STACK_TOP.
;           The sector stays in memory: stage 2 calls disk_read, print16 and
;           fail16 here, points the NMI vector at real_mode_nmi, reads the
;           kernel's place from its partition table, and the C part names
;           the loader with loader_banner.
; The last 66 bytes are the partition table, which tools/loader_image.py
; fills in (partition 1 holds the kernel), and the boot signature.

%include "pc.inc"
%include "boot.inc"
%include "layout.inc"
%include "com1.inc"
%include "print_string.inc"

global stage1_start
global boot_drive
global disk_read
global print16
global fail16
global failing
global real_mode_nmi
global loader_banner
global msg_prefix
global msg_suffix
extern stage2_start
extern stage2_address
extern stage2_sectors
extern msg_nmi

section .stage1 progbits alloc exec write align=1
bits 16

; The BIOS may enter at 07C0:0000 as well as 0000:7C00, and leaves the data
; segments as they come; the far jump and the moves set everything to 0,
; which is what the link-time addresses (loader.ld) assume.
stage1_start:
        cli
        xor ax, ax
        mov ds, ax
        mov es, ax
        mov ss, ax
        mov sp, LOADER_STACK_TOP
        jmp 0:.segments_known
.segments_known:
        sti
        cld
        mov [boot_drive], dl
        push dx                         ; DL again for the check below

        ; The first sign of life, before any disk access: a clean screen
        ; with our name on the top row, and the same on COM1 (com1.inc).
        com1_init
        push VGA_TEXT_SEGMENT
        pop es
        xor di, di
        mov ax, (LOADER_TEXT_ATTRIBUTE << 8) | ' '
        mov cx, VGA_TEXT_COLUMNS * VGA_TEXT_ROWS
        rep stosw
        xor di, di
        mov si, loader_banner
        call print16

        ; Stage 2 is read by LBA, which needs the BIOS's disk extensions
        ; (every BIOS since the late 1990s, and USB boot in particular).
        mov ah, BIOS_DISK_CHECK_EXTENSIONS
        mov bx, BIOS_DISK_EXTENSIONS_ASK
        pop dx
        int BIOS_DISK_SERVICES
        mov si, msg_no_extensions
        jc fail16
        cmp bx, BIOS_DISK_EXTENSIONS_ANSWER
        jne fail16
        test cl, BIOS_DISK_FIXED_DISK_ACCESS
        jz fail16

        ; Stage 2 lies in the sectors right after this one, and goes right
        ; after this one in memory (loader.ld).
        xor eax, eax
        mov es, ax
        mov bx, stage2_address
        inc ax                          ; LBA 1: EAX = 1 in 1 more byte
        mov cx, stage2_sectors
        call disk_read
        jmp stage2_start

; disk_read: reads CX sectors (at most LOADER_READ_SECTORS) from LBA EAX of
; the boot drive to ES:BX. On a BIOS error it fails with the INT 13h status.
; Keeps every register but the flags.
;
; The disk address packet (EDD 3.0) is built on the stack, last field
; first: u64 LBA, u16 segment, u16 offset, u16 sector count, u8 size 16,
; u8 0. SS = DS = 0, so DS:SI = SS:SP addresses it.
disk_read:
        pushad
        push dword 0
        push eax
        push es
        push bx
        push cx
        push word BIOS_DISK_PACKET_SIZE
        mov si, sp
        mov ah, BIOS_DISK_EXTENDED_READ
        mov dl, [boot_drive]
        int BIOS_DISK_SERVICES
        jc .error
        add sp, BIOS_DISK_PACKET_SIZE
        popad
        ret
; The status in AH becomes the two hex digits in the message.
.error:
        mov si, msg_disk_error.status
        mov al, ah
        shr al, 4
        call .hex_digit
        mov al, ah
        call .hex_digit
        mov si, msg_disk_error
        jmp fail16
; The low nibble of AL as a hex digit, in 9 bytes: 0-9 become 0x96-0x9F
; and 10-15 become 0xA1-0xA6 (the SBB), which decimal adjustment (DAS)
; turns into '0'-'9' and 'A'-'F'; bit 5 then makes the letters small.
.hex_digit:
        and al, 0x0F
        cmp al, 10
        sbb al, 0x69
        das
        or al, 0x20
        mov [si], al
        inc si
        ret

; real_mode_nmi: from stage 2's CPU check on, the NMI vector (stage2.asm).
; fail16: the end of the road in real mode. SI = the middle of a sentence;
; paints the top row red, writes "longboot loader: <SI>; halting." there in
; white and to COM1, then halts for good. An NMI or a machine check can
; arrive while a BIOS call has a DS of its own and the direction flag
; set, so DS is set from CS, 0, and the flag cleared. It marks the loader
; failing in `failing` (0 as loaded from disk; fail32 uses it too), so an
; NMI or a machine check during the sentence or the halt only halts
; again: the first sentence stays. Before stage 2's CPU check the BIOS's
; own NMI handler is in place, and returns.
real_mode_nmi:
        mov si, msg_nmi
fail16:
        push cs
        pop ds
        bts word [failing], 0
        jc .halt
        cld
        push VGA_TEXT_SEGMENT
        pop es
        xor di, di
        mov ax, (BOOT_FAIL_ATTRIBUTE << 8) | ' '
        mov cx, VGA_TEXT_COLUMNS
        rep stosw
        xor di, di
        push si
        mov si, msg_prefix
        call print16
        pop si
        call print16
        mov si, msg_suffix
        call print16
.halt:
        cli
        hlt
        jmp .halt

; print16: writes the NUL-terminated string at DS:SI to COM1 and, but for
; control characters (the CR LF that ends a line on COM1), to the screen
; cells from ES:DI, in the colours of the cell at ES:DI (so a red row stays
; red). Leaves SI past the NUL and DI past the last cell written; clobbers
; AX, EDX and the flags (print_string.inc).
print16:
        mov ah, [es:di + 1]
        print_string serial_putc16
        ret

; Sends AL to COM1 (com1.inc). Keeps every register but EDX and the flags.
serial_putc16:
        com1_putc
        ret

boot_drive: db 0
failing: dw 0                           ; bit 0: a sentence is on its way

; Every failure sentence is msg_prefix, a middle part and msg_suffix
; (loader_message checks that the whole fits on one screen row).
%include "message.inc"
msg_prefix:  db LOADER_FAIL_PREFIX, 0
msg_suffix:  db LOADER_FAIL_SUFFIX, 13, 10, 0
; Also the Multiboot2 loader name (boot_info.c), without the line end.
loader_banner: db LOADER_NAME, 13, 10, 0
loader_message msg_no_extensions, "this BIOS cannot read disks by LBA (INT 13h AH=42h)"
; The "??" is where disk_read writes the status.
%define DISK_ERROR_HEAD "disk read error (INT 13h status 0x"
%strcat DISK_ERROR DISK_ERROR_HEAD, "??)"
%strlen DISK_ERROR_STATUS_AT DISK_ERROR_HEAD
loader_message msg_disk_error, DISK_ERROR
msg_disk_error.status equ msg_disk_error + DISK_ERROR_STATUS_AT

        times MBR_PARTITION_TABLE - ($ - $$) db 0
partition_table:
        times 4 * MBR_PARTITION_ENTRY_SIZE db 0
        dw MBR_SIGNATURE
