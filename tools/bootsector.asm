; bootsector.asm: the smallest thing a PC can boot that puts "Hello World!" on screen.
;
; `make bench` boots this 512-byte BIOS boot sector beside longboot and times
; both the same way, from QEMU start until "Hello World!" is in VGA memory.
; Its time is the floor: what the firmware alone costs, with no GRUB, no ISO
; and no mode switches. longboot's time minus this is what longboot adds.
;
; Real mode, 16-bit. The BIOS loads this sector at 0000:7C00 and jumps to it
; with the boot drive in DL; nothing else is assumed or handed on.
; Build: nasm -f bin -o bootsector.bin bootsector.asm

bits 16
org 0x7C00

VGA_TEXT_SEGMENT    equ 0xB800          ; colour text buffer at physical 0xB8000
LIGHT_GREEN_ON_BLACK equ 0x0A           ; VGA attribute: background 0 (black), foreground 0xA
SECTOR_SIZE         equ 512
BOOT_SIGNATURE      equ 0xAA55          ; the BIOS boots a sector only if it ends with this

start:
    ; Segments in a known state: the BIOS may enter with CS:IP 07C0:0000 or
    ; 0000:7C00, and DS is whatever it left. The message is addressed through
    ; DS (org 0x7C00, so DS=0); the screen through ES.
    cli
    xor ax, ax
    mov ds, ax
    mov ax, VGA_TEXT_SEGMENT
    mov es, ax
    cld

    ; Copy the message into row 0, column 0, one character and one attribute
    ; per cell. The loop ends at the NUL terminator.
    mov si, message
    xor di, di
    mov ah, LIGHT_GREEN_ON_BLACK
.next_char:
    lodsb
    test al, al
    jz .halt
    stosw
    jmp .next_char

    ; Interrupts stay off, so only an NMI resumes HLT; the loop sends it back.
.halt:
    cli
    hlt
    jmp .halt

message: db "Hello World!", 0

    times SECTOR_SIZE - 2 - ($ - $$) db 0
    dw BOOT_SIGNATURE
