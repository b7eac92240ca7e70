/*
 * pc.h: fixed addresses and I/O ports of the PC platform that longboot
 * uses: the VGA text buffer, the COM1 UART, QEMU's isa-debug-exit, and the
 * BIOS services and legacy hardware our own loader uses.
 *
 * Shared with the assembly: the build turns every `#define NAME value`
 * line here into a NASM `%define` (tools/h2inc.sed).
 */
#ifndef PC_H
#define PC_H

/* VGA text mode: 80x25 cells of (attribute << 8 | character) at 0xB8000. */
#define VGA_TEXT_BUFFER 0xB8000 /* physical address of colour text memory */
#define VGA_TEXT_COLUMNS 80 /* cells per row */
#define VGA_TEXT_ROWS 25 /* rows on the screen */
#define VGA_TEXT_SEGMENT 0xB800 /* VGA_TEXT_BUFFER as a real-mode segment */
#define VGA_CRTC_INDEX 0x3D4 /* CRT controller register select port */
#define VGA_CRTC_DATA 0x3D5 /* CRT controller register data port */
#define VGA_CRTC_CURSOR_START 0x0A /* cursor shape: first scan line, bit 5 hides */
#define VGA_CRTC_CURSOR_END 0x0B /* cursor shape: last scan line */
#define VGA_CRTC_CURSOR_HIGH 0x0E /* cursor cell index, high byte */
#define VGA_CRTC_CURSOR_LOW 0x0F /* cursor cell index, low byte */

/* COM1, a 16550 UART (registers as offsets from its base port). */
#define COM1_PORT 0x3F8 /* base I/O port of the first serial port */
#define UART_DATA 0 /* transmit holding / receive buffer (DLAB=0) */
#define UART_DIVISOR_LOW 0 /* baud divisor, low byte (DLAB=1) */
#define UART_INTERRUPT_ENABLE 1 /* interrupt enable (DLAB=0) */
#define UART_DIVISOR_HIGH 1 /* baud divisor, high byte (DLAB=1) */
#define UART_FIFO_CONTROL 2 /* FIFO control (write) */
#define UART_LINE_CONTROL 3 /* word length, parity, stop bits, DLAB */
#define UART_MODEM_CONTROL 4 /* DTR, RTS, OUT2 */
#define UART_LINE_STATUS 5 /* transmitter and receiver state */
#define UART_DIVISOR_115200 1 /* 115200 baud = 115200 / divisor */
#define UART_LCR_DLAB 0x80 /* bit 7: divisor latch access */
#define UART_LCR_8N1 0x03 /* 8 data bits, no parity, 1 stop bit */
#define UART_FCR_ENABLE_CLEAR 0x07 /* enable FIFOs, clear receive and transmit */
#define UART_MCR_DTR_RTS 0x03 /* data terminal ready, request to send */
#define UART_LSR_THR_EMPTY 0x20 /* bit 5: transmit holding register empty */
#define UART_TRANSMIT_SPINS 100000 /* polls of THR_EMPTY before giving up on a byte */

/*
 * What a BIOS offers a boot loader (src/loader/bios/) in real mode: the
 * boot sector, disk reads by LBA (Phoenix/IBM "BIOS Enhanced Disk Drive
 * Services" 3.0), the memory map (ACPI 6.4, 15.1) and the A20 gate.
 */
#define BIOS_BOOT_SECTOR_ADDRESS 0x7C00 /* where the BIOS loads sector 0 and jumps, with DL = drive */
#define DISK_SECTOR_SIZE 512 /* bytes per sector, the unit of every INT 13h read */
#define MBR_PARTITION_TABLE 0x1BE /* offset in sector 0 of the four 16-byte partition entries */
#define MBR_PARTITION_ENTRY_SIZE 16 /* bytes per partition entry */
#define MBR_PARTITION_STATUS_ACTIVE 0x80 /* entry byte 0: the bootable partition */
#define MBR_PARTITION_FIRST_LBA 8 /* entry offset of the u32 first sector */
#define MBR_PARTITION_SECTORS 12 /* entry offset of the u32 sector count */
#define MBR_SIGNATURE_OFFSET 510 /* u16 boot signature at the end of sector 0 */
#define MBR_SIGNATURE 0xAA55 /* without it the BIOS will not boot the sector */
#define BIOS_DISK_SERVICES 0x13 /* INT 13h */
#define BIOS_DISK_CHECK_EXTENSIONS 0x41 /* AH: are the LBA functions there? */
#define BIOS_DISK_EXTENSIONS_ASK 0x55AA /* BX in for AH=41h */
#define BIOS_DISK_EXTENSIONS_ANSWER 0xAA55 /* BX out when the extensions exist */
#define BIOS_DISK_FIXED_DISK_ACCESS 0x0001 /* CX bit 0 from AH=41h: functions 42h-44h, 47h, 48h */
#define BIOS_DISK_EXTENDED_READ 0x42 /* AH: read sectors by LBA into a buffer, DS:SI = packet */
#define BIOS_DISK_PACKET_SIZE 16 /* the disk address packet: size, 0, count, offset, segment, u64 LBA */
#define BIOS_SYSTEM_SERVICES 0x15 /* INT 15h */
#define BIOS_E820 0xE820 /* EAX: next entry of the system address map */
#define BIOS_E820_SMAP 0x534D4150 /* 'SMAP', in EDX with E820 and back in EAX */
#define BIOS_E820_ENTRY_SIZE 24 /* u64 base, u64 length, u32 type, u32 ACPI 3.0 attributes */
#define BIOS_E820_ATTRIBUTES_VALID 1 /* ACPI 3.0 attribute bit 0, preset for BIOSes that write 20 bytes */
#define BIOS_A20_ENABLE 0x2401 /* AX for INT 15h: turn the A20 gate on */
#define PORT_SYSTEM_CONTROL_A 0x92 /* "fast A20" port */
#define SYSTEM_CONTROL_A_A20 0x02 /* bit 1: A20 gate on */
#define SYSTEM_CONTROL_A_RESET 0x01 /* bit 0: resets the machine; must be written as 0 */
#define KBC_DATA 0x60 /* 8042 keyboard controller data port */
#define KBC_COMMAND 0x64 /* 8042 command port (write) */
#define KBC_STATUS 0x64 /* 8042 status port (read) */
#define KBC_STATUS_INPUT_FULL 0x02 /* bit 1: the controller has not taken the last byte yet */
#define KBC_WRITE_OUTPUT_PORT 0xD1 /* command: the next data byte is the output port */
#define KBC_OUTPUT_PORT_A20 0xDF /* output port: A20 on, reset line high, keyboard lines idle */
#define BIOS_EBDA_SEGMENT 0x40E /* BIOS data area: u16 real-mode segment of the extended BIOS data area */
#define BIOS_ROM_AREA 0xE0000 /* 0xE0000-0xFFFFF: BIOS ROM, searched for the ACPI RSDP */
#define BIOS_ROM_AREA_END 0x100000

/* QEMU's isa-debug-exit device: writing v exits QEMU with status (v << 1) | 1. */
#define QEMU_DEBUG_EXIT_PORT 0xF4 /* iobase given to -device isa-debug-exit */

#endif
