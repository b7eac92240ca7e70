/*
 * early_fault.c: the end of the road in 64-bit mode before the kernel's
 * IDT is loaded: early_fault for an NMI or a CPU exception (early_idt.asm's
 * 64-bit stubs), early_fail for a check start64 makes. As boot_fail.asm
 * does in protected mode: the sentence on the top VGA row in white on
 * red and on COM1, then a halt. Nothing of the kernel's is set up yet,
 * so it touches only the hardware.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "arch/x86_64/asm_symbols.h"
#include "arch/x86_64/boot.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/drivers/serial.h"
#include "arch/x86_64/pc.h"
#include "arch/x86_64/x86.h"

#define VGA_ATTRIBUTE_SHIFT 8 /* a text cell is attribute << 8 | character */
#define DECIMAL 10

struct sentence {
    char text[VGA_TEXT_COLUMNS];
    size_t length;
};

static void append(struct sentence *sentence, const char *text)
{
    while (*text && sentence->length < sizeof sentence->text)
        sentence->text[sentence->length++] = *text++;
}

/* The same words as early_idt.asm's, with the vector in two digits (it is below 32). */
static struct sentence describe(uint64_t vector)
{
    struct sentence sentence = { .length = 0 };
    char digits[] = { (char)('0' + vector / DECIMAL % DECIMAL), (char)('0' + vector % DECIMAL), 0 };

    if (vector == CPU_EXCEPTION_NMI) {
        append(&sentence, "longboot: NMI during early boot; halting.");
    } else {
        append(&sentence, "longboot: CPU exception ");
        append(&sentence, digits);
        append(&sentence, " during early boot; halting.");
    }
    return sentence;
}

noreturn void early_fault(uint64_t vector)
{
    struct sentence sentence = describe(vector);

    early_fail(sentence.text, sentence.length);
}

noreturn void early_fail(const char *text, size_t length)
{
    struct sentence sentence = { .length = 0 };
    volatile uint16_t *row = (volatile uint16_t *)VGA_TEXT_BUFFER;

    /* From here on an NMI or machine check returns to the halt (early_idt.asm). */
    boot_failed = 1;
    while (sentence.length < length && sentence.length < sizeof sentence.text) {
        sentence.text[sentence.length] = text[sentence.length];
        sentence.length++;
    }
    for (size_t column = 0; column < VGA_TEXT_COLUMNS; column++) {
        char c = column < sentence.length ? sentence.text[column] : ' ';
        row[column] = (uint16_t)(BOOT_FAIL_ATTRIBUTE << VGA_ATTRIBUTE_SHIFT | (uint8_t)c);
    }
    serial_init();
    serial_write(sentence.text, sentence.length);
    serial_write("\n", 1);
    halt_forever();
}
