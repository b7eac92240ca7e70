/*
 * serial.c: a polled driver for the COM1 16550 UART.
 *
 * The same programming as boot_fail.asm uses before long mode. Waits for
 * the transmitter are bounded, so a machine without COM1 loses the serial
 * copy of the output but never hangs.
 */
#include "arch/x86_64/drivers/serial.h"

#include <stdint.h>

#include "arch/x86_64/io.h"
#include "arch/x86_64/pc.h"

void serial_init(void)
{
    outb(COM1_PORT + UART_INTERRUPT_ENABLE, 0);
    outb(COM1_PORT + UART_LINE_CONTROL, UART_LCR_DLAB);
    outb(COM1_PORT + UART_DIVISOR_LOW, UART_DIVISOR_115200 & 0xFF);
    outb(COM1_PORT + UART_DIVISOR_HIGH, UART_DIVISOR_115200 >> 8);
    outb(COM1_PORT + UART_LINE_CONTROL, UART_LCR_8N1);
    outb(COM1_PORT + UART_FIFO_CONTROL, UART_FCR_ENABLE_CLEAR);
    outb(COM1_PORT + UART_MODEM_CONTROL, UART_MCR_DTR_RTS);
}

static void put_byte(uint8_t byte)
{
    for (int spins = 0; spins < UART_TRANSMIT_SPINS; spins++)
        if (inb(COM1_PORT + UART_LINE_STATUS) & UART_LSR_THR_EMPTY)
            break;
    outb(COM1_PORT + UART_DATA, byte);
}

void serial_write(const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\n')
            put_byte('\r');
        put_byte((uint8_t)text[i]);
    }
}
