/*
 * test_serial.c: host tests of the COM1 driver (src/arch/x86_64/drivers/
 * serial.c) against recorded port I/O (fake_io.c). QEMU's UART is always
 * ready, so no boot test could see a write that does not wait for the
 * transmitter, or a wait that never ends.
 */
#include "arch/x86_64/drivers/serial.h"
#include "arch/x86_64/pc.h"
#include "check.h"
#include "fake_io.h"

#define LINE_STATUS (COM1_PORT + UART_LINE_STATUS)
#define DATA (COM1_PORT + UART_DATA)

TEST(test_serial_polls_the_line_status_before_every_byte)
{
    fake_io_reset(UART_LSR_THR_EMPTY);
    serial_write("ab", 2);
    CHECK_EQ_UINT(4, fake_io_count);
    CHECK(fake_io_log[0].kind == 'i' && fake_io_log[0].port == LINE_STATUS);
    CHECK(fake_io_log[1].kind == 'o' && fake_io_log[1].port == DATA);
    CHECK_EQ_UINT('a', fake_io_log[1].value);
    CHECK(fake_io_log[2].kind == 'i' && fake_io_log[2].port == LINE_STATUS);
    CHECK(fake_io_log[3].kind == 'o' && fake_io_log[3].port == DATA);
    CHECK_EQ_UINT('b', fake_io_log[3].value);
}

TEST(test_serial_waits_while_the_transmitter_is_busy)
{
    fake_io_reset(0);
    serial_write("x", 1);
    /* Every poll before the byte goes out reads the line status. */
    CHECK(fake_io_count > 2);
    for (size_t i = 0; i + 1 < fake_io_count && i < FAKE_IO_MAX_ACCESSES; i++)
        CHECK(fake_io_log[i].kind == 'i' && fake_io_log[i].port == LINE_STATUS);
}

TEST(test_serial_gives_up_on_a_stuck_transmitter_and_goes_on)
{
    fake_io_reset(0);
    serial_write("x", 1);
    /* A bounded wait: UART_TRANSMIT_SPINS polls, then the byte is sent anyway. */
    CHECK_EQ_UINT(UART_TRANSMIT_SPINS + 1, fake_io_count);
    CHECK(fake_io_log[fake_io_count - 1].kind == 'o');
    CHECK_EQ_UINT('x', fake_io_log[fake_io_count - 1].value);
}

TEST(test_serial_sends_carriage_return_before_each_newline)
{
    fake_io_reset(UART_LSR_THR_EMPTY);
    serial_write("\n", 1);
    CHECK_EQ_UINT(4, fake_io_count);
    CHECK_EQ_UINT('\r', fake_io_log[1].value);
    CHECK_EQ_UINT('\n', fake_io_log[3].value);
}

TEST(test_serial_init_programs_115200_8n1_with_fifos_and_no_interrupts)
{
    fake_io_reset(0);
    serial_init();
    CHECK_EQ_UINT(7, fake_io_count);
    CHECK(fake_io_log[0].port == COM1_PORT + UART_INTERRUPT_ENABLE && fake_io_log[0].value == 0);
    CHECK(fake_io_log[1].port == COM1_PORT + UART_LINE_CONTROL
          && fake_io_log[1].value == UART_LCR_DLAB);
    CHECK(fake_io_log[2].port == COM1_PORT + UART_DIVISOR_LOW && fake_io_log[2].value == 1);
    CHECK(fake_io_log[3].port == COM1_PORT + UART_DIVISOR_HIGH && fake_io_log[3].value == 0);
    CHECK(fake_io_log[4].port == COM1_PORT + UART_LINE_CONTROL
          && fake_io_log[4].value == UART_LCR_8N1);
}
