; stage2.asm: the real-mode part of stage 2, which asks the BIOS for all
; the loader needs before it leaves real mode for good.
;
; Mode: 16-bit real mode, interrupts on, CS = DS = ES = SS = 0.
; Receives: from stage 1, boot_drive set and the partition table at
;           BIOS_BOOT_SECTOR_ADDRESS.
; Hands on: jumps to enter_protected_mode (long_mode.asm) with A20 on, the
;           CPU checked, and for the C part (loader.h): the EBDA segment,
;           the BIOS memory map in e820_map/e820_count, the command line
;           sector in cmdline_sector, the kernel file at
;           LOADER_KERNEL_BUFFER and its length in kernel_sectors.
; Each failure is a sentence through fail16 (stage1.asm) and a halt.

%include "x86.inc"
%include "pc.inc"
%include "layout.inc"
%include "message.inc"
%include "cpu_checks.inc"

global stage2_start
global ebda_segment
global e820_map
global e820_count
global cmdline_sector
global kernel_sectors
extern disk_read
extern fail16
extern real_mode_nmi
extern msg_exception
extern msg_exception.number
extern enter_protected_mode
extern loader_bss_start
extern loader_bss_size

section .stage2 progbits alloc exec write align=1
bits 16

; The table of contents. .bss is not on disk, so it is zeroed first. The
; EBDA's place is noted for the C part, which looks there for ACPI's RSDP.
stage2_start:
        xor ax, ax
        mov es, ax
        mov di, loader_bss_start
        mov cx, loader_bss_size
        rep stosb
        mov ax, [BIOS_EBDA_SEGMENT]
        mov [ebda_segment], ax

        call check_cpu
        call enable_a20
        call read_memory_map
        call read_command_line
        call read_kernel
        jmp enter_protected_mode

; Fails unless the CPU has CPUID, long mode and PAE, with the kernel's own
; trampoline's checks (cpu_checks.inc). Checked before anything else: a
; 32-bit CPU should not wait for the disk to hear it cannot boot.
;
; Then, with CPUID known, an NMI or a machine check from here on is our
; sentence, as it is in protected and long mode. The BIOS's NMI handler
; would return as if nothing had happened; and with CR4.MCE off, as the
; firmware leaves it, a machine check shuts the CPU down, a reset. So the
; NMI and machine-check vectors point at our handlers (segment 0) first,
; then CR4 becomes MCE where CPUID has it (the PAE test left leaf 1's
; EDX), else 0, keeping nothing of the firmware's (long_mode.asm adds
; PAE). Vector 18 is also INT 12h, the BIOS's memory size: our code never
; calls it, and a BIOS service that did would meet the machine-check
; sentence, a risk taken for the reset it saves.
check_cpu:
        require_cpuid .no_cpuid
        require_long_mode .no_long_mode, .no_pae
        mov dword [CPU_EXCEPTION_NMI * IVT_ENTRY_SIZE], real_mode_nmi
        mov dword [CPU_EXCEPTION_MACHINE_CHECK * IVT_ENTRY_SIZE], real_mode_machine_check
        machine_check_cr4_bits_of edx
        mov cr4, edx
        ret
.no_cpuid:
        mov si, msg_no_cpuid
        jmp fail16
.no_long_mode:
        mov si, msg_no_long_mode
        jmp fail16
.no_pae:
        mov si, msg_no_pae
        jmp fail16

; #MC in real mode: fail32.asm's sentence for it, its vector written in
; as report_exception writes it in protected mode (through CS, which is
; 0: DS may be a BIOS call's).
%defstr MACHINE_CHECK_TEXT CPU_EXCEPTION_MACHINE_CHECK
real_mode_machine_check:
        mov word [cs:msg_exception.number], MACHINE_CHECK_TEXT
        mov si, msg_exception
        jmp fail16

; The A20 line must be on, or every odd megabyte is a copy of the one
; below it. It usually is already (SeaBIOS turns it on); otherwise try the
; BIOS, then the "fast A20" port, then the keyboard controller, as Linux's
; a20.c does, and check after each. The controller can take a while to
; act, so its result is polled.
enable_a20:
        call a20_is_on
        jnz .done

        mov ax, BIOS_A20_ENABLE
        int BIOS_SYSTEM_SERVICES
        call a20_is_on
        jnz .done

        in al, PORT_SYSTEM_CONTROL_A
        or al, SYSTEM_CONTROL_A_A20
        and al, ~SYSTEM_CONTROL_A_RESET & 0xFF
        out PORT_SYSTEM_CONTROL_A, al
        call a20_is_on
        jnz .done

        call kbc_wait
        mov al, KBC_WRITE_OUTPUT_PORT
        out KBC_COMMAND, al
        call kbc_wait
        mov al, KBC_OUTPUT_PORT_A20
        out KBC_DATA, al
        call kbc_wait
        mov cx, A20_POLLS
.poll:
        call a20_is_on
        jnz .done
        loop .poll

        mov si, msg_no_a20
        jmp fail16
.done:
        ret

A20_POLLS equ 0xFFFF

; ZF clear if A20 is on: then LOADER_A20_PROBE and the address 1 MiB above
; it are different bytes. The byte above 1 MiB is where the kernel will go,
; so writing it does no harm. Keeps every register but AX and the flags.
A20_HIGH_SEGMENT equ 0xFFFF             ; its base is 1 MiB - 16 ...
A20_HIGH_OFFSET equ LOADER_A20_PROBE + 0x10 ; ... so this is the probe + 1 MiB

a20_is_on:
        push ds
        push si
        mov ax, A20_HIGH_SEGMENT
        mov ds, ax
        mov si, A20_HIGH_OFFSET
        mov byte [si], 0
        mov byte [es:LOADER_A20_PROBE], 0xFF
        cmp byte [si], 0xFF
        pop si
        pop ds
        ret

; Waits (bounded) until the keyboard controller has taken the last byte.
kbc_wait:
        push cx
        mov cx, A20_POLLS
.wait:
        in al, KBC_STATUS
        test al, KBC_STATUS_INPUT_FULL
        loopnz .wait
        pop cx
        ret

; The BIOS memory map (INT 15h, EAX=E820h), entry for entry as the BIOS
; gives it, into e820_map. EBX is the BIOS's continuation value, 0 after
; the last entry; some BIOSes signal the end with CF instead. The ACPI 3.0
; attribute word is preset to "valid" for BIOSes that write only 20 bytes.
; A BIOS without E820 fails the first call. The loop stops one entry past
; LOADER_E820_MAX_ENTRIES, written to e820_map's spare slot, to tell a
; longer map, which is refused, from one that fits exactly.
read_memory_map:
        xor ebx, ebx
        mov di, e820_map
.next:
        mov dword [di + BIOS_E820_ENTRY_SIZE - 4], BIOS_E820_ATTRIBUTES_VALID
        mov eax, BIOS_E820
        mov edx, BIOS_E820_SMAP
        mov ecx, BIOS_E820_ENTRY_SIZE
        int BIOS_SYSTEM_SERVICES
        jc .end
        cmp eax, BIOS_E820_SMAP
        jne .end
        add di, BIOS_E820_ENTRY_SIZE
        inc word [e820_count]
        cmp word [e820_count], LOADER_E820_MAX_ENTRIES
        ja .end
        test ebx, ebx
        jnz .next
.end:   ; 0 entries (no E820) and MAX + 1 (a longer map) both fail:
        ; count - 1, unsigned, is at least MAX exactly for those two.
        mov si, msg_bad_e820
        mov ax, [e820_count]
        dec ax
        cmp ax, LOADER_E820_MAX_ENTRIES
        jae fail16
        ret

; The sector after the loader holds the command line the image was built
; with (tools/loader_image.py); the C part bounds it by the sector.
read_command_line:
        mov eax, LOADER_CMDLINE_LBA
        mov cx, 1
        mov bx, cmdline_sector
        jmp disk_read

; The kernel file is partition 1, whose place and length the partition
; table gives; it is read into the buffer in chunks of LOADER_READ_SECTORS,
; each to a segment of its own so that no read crosses 64 KiB.
KERNEL_PARTITION equ BIOS_BOOT_SECTOR_ADDRESS + MBR_PARTITION_TABLE + LOADER_KERNEL_PARTITION * MBR_PARTITION_ENTRY_SIZE
BUFFER_SECTORS equ (LOADER_KERNEL_BUFFER_END - LOADER_KERNEL_BUFFER) / DISK_SECTOR_SIZE

read_kernel:
        mov eax, [KERNEL_PARTITION + MBR_PARTITION_FIRST_LBA]
        mov edx, [KERNEL_PARTITION + MBR_PARTITION_SECTORS]
        mov [kernel_sectors], edx
        mov si, msg_kernel_too_large
        cmp edx, BUFFER_SECTORS
        ja fail16
        mov bx, LOADER_KERNEL_BUFFER >> 4
.next_chunk:
        mov es, bx
        mov ecx, LOADER_READ_SECTORS
        cmp edx, ecx
        jae .read
        mov ecx, edx
.read:
        jecxz .done
        push bx
        xor bx, bx
        call disk_read
        pop bx
        add eax, ecx
        sub edx, ecx
        add bx, LOADER_READ_SECTORS * DISK_SECTOR_SIZE >> 4
        jmp .next_chunk
.done:
        ret

loader_message msg_no_cpuid,         "this CPU has no CPUID"
loader_message msg_no_long_mode,     "this CPU has no 64-bit long mode"
loader_message msg_no_pae,           "this CPU has no PAE paging"
loader_message msg_no_a20,           "the A20 line cannot be turned on"
%defstr E820_MAX_TEXT LOADER_E820_MAX_ENTRIES
%strcat BAD_E820 "no E820 memory map, or one over ", E820_MAX_TEXT, " entries"
loader_message msg_bad_e820,         BAD_E820
%assign BUFFER_KIB (LOADER_KERNEL_BUFFER_END - LOADER_KERNEL_BUFFER) / 1024
%defstr BUFFER_KIB_TEXT BUFFER_KIB
%strcat KERNEL_TOO_LARGE "the kernel file is larger than ", BUFFER_KIB_TEXT, " KiB"
loader_message msg_kernel_too_large, KERNEL_TOO_LARGE

section .bss
ebda_segment:   resw 1
e820_count:     resw 1
alignb 8
e820_map:       resb (LOADER_E820_MAX_ENTRIES + 1) * BIOS_E820_ENTRY_SIZE
cmdline_sector: resb DISK_SECTOR_SIZE
kernel_sectors: resd 1
