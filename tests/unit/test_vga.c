/*
 * test_vga.c: host tests for the text console in src/arch/x86_64/drivers/vga.c.
 *
 * Each test hands the console an 80x25 array prefilled with a marker that
 * the console never writes on its own, and a cursor callback that records
 * what it is told; then it checks cells, rows, the position and the cursor.
 */
#include "arch/x86_64/drivers/vga.h"
#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CELLS (VGA_ROWS * VGA_COLUMNS)
#define LAST_ROW (VGA_ROWS - 1)
#define GREY 0x07u           /* light grey on black, the colour vga_init picks */
#define UNTOUCHED 0xEEEEu    /* prefill: no test draws byte 0xEE in colour 0xEE */
#define NOT_REPORTED 0xFFFFu /* cursor_position before any report */
#define AT(row, column) ((row) * VGA_COLUMNS + (column))

static unsigned cursor_calls;
static unsigned cursor_position;

static void record_cursor(unsigned position)
{
    cursor_calls++;
    cursor_position = position;
}

static void forget_cursor_reports(void)
{
    cursor_calls = 0;
    cursor_position = NOT_REPORTED;
}

/* Fills cells with UNTOUCHED and starts a console on them, so each test
 * sees only the cursor reports its own calls make. */
static void start(struct vga *vga, uint16_t *cells)
{
    for (size_t i = 0; i < CELLS; i++)
        cells[i] = UNTOUCHED;
    vga_init(vga, cells, record_cursor);
    forget_cursor_reports();
}

static void write_str(struct vga *vga, const char *text)
{
    vga_write(vga, text, strlen(text));
}

static void write_repeated(struct vga *vga, char c, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        vga_write(vga, &c, 1);
}

#define CHECK_POSITION(vga, row, column) \
    check_position(__FILE__, __LINE__, vga, row, column)
static void check_position(const char *file, int line, const struct vga *vga,
                           unsigned row, unsigned column)
{
    if (vga->row != row || vga->column != column)
        check_fail(file, line, "position: expected row %u column %u, saw row %u column %u",
                   row, column, vga->row, vga->column);
}

#define CHECK_CELL(cells, row, column, expected) \
    check_cell(__FILE__, __LINE__, cells, row, column, expected)
static void check_cell(const char *file, int line, const uint16_t *cells,
                       unsigned row, unsigned column, unsigned expected)
{
    unsigned saw = cells[AT(row, column)];

    if (saw != expected)
        check_fail(file, line, "cell at row %u column %u: expected 0x%04x, saw 0x%04x",
                   row, column, expected, saw);
}

/* Checks every cell of rows first..last; names the first that differs. */
#define CHECK_ROWS_HOLD(cells, first, last, expected) \
    check_rows_hold(__FILE__, __LINE__, cells, first, last, expected)
static void check_rows_hold(const char *file, int line, const uint16_t *cells,
                            unsigned first, unsigned last, unsigned expected)
{
    unsigned wrong = 0, first_wrong = 0;

    for (unsigned i = AT(first, 0); i < AT(last + 1, 0); i++)
        if (cells[i] != expected && wrong++ == 0)
            first_wrong = i;
    if (wrong > 0)
        check_fail(file, line,
                   "rows %u-%u: expected every cell 0x%04x, saw %u others, "
                   "first at row %u column %u: 0x%04x",
                   first, last, expected, wrong, first_wrong / VGA_COLUMNS,
                   first_wrong % VGA_COLUMNS, (unsigned)cells[first_wrong]);
}

/*
 * Checks the characters of a row, ignoring colours. expected runs up to the
 * last non-space character; bytes outside printable ASCII read as '?'.
 */
#define CHECK_ROW_TEXT(cells, row, expected) \
    check_row_text(__FILE__, __LINE__, cells, row, expected)
static void check_row_text(const char *file, int line, const uint16_t *cells,
                           unsigned row, const char *expected)
{
    char saw[VGA_COLUMNS + 1];
    size_t length = 0;

    for (unsigned column = 0; column < VGA_COLUMNS; column++) {
        unsigned char c = (unsigned char)(cells[AT(row, column)] & 0xFF);
        saw[column] = c >= 0x20 && c < 0x7F ? (char)c : '?';
        if (c != ' ')
            length = column + 1;
    }
    saw[length] = '\0';
    if (strcmp(expected, saw) != 0)
        check_fail(file, line, "row %u: expected \"%s\", saw \"%s\"", row, expected, saw);
}

TEST(test_init_keeps_screen_contents)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    CHECK_ROWS_HOLD(cells, 0, LAST_ROW, UNTOUCHED);
}

TEST(test_init_writes_from_top_left_in_light_grey_on_black)
{
    uint16_t cells[CELLS];
    struct vga vga = { .row = 7, .column = 33, .attribute = 0x4F };

    start(&vga, cells);
    write_str(&vga, "A");
    CHECK_CELL(cells, 0, 0, GREY << 8 | 'A');
    CHECK_POSITION(&vga, 0, 1);
}

TEST(test_init_reports_cursor_at_top_left)
{
    uint16_t cells[CELLS] = { 0 };
    struct vga vga;

    forget_cursor_reports();
    vga_init(&vga, cells, record_cursor);
    CHECK_EQ_UINT(1, cursor_calls);
    CHECK_EQ_UINT(0, cursor_position);
}

TEST(test_clear_fills_screen_with_blanks_in_current_colour)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    vga_set_color(&vga, VGA_WHITE, VGA_BLUE);
    vga_clear(&vga);
    CHECK_ROWS_HOLD(cells, 0, LAST_ROW, 0x1Fu << 8 | ' ');
}

TEST(test_clear_moves_position_and_cursor_to_top_left)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "abc\ndef");
    forget_cursor_reports();
    vga_clear(&vga);
    CHECK_POSITION(&vga, 0, 0);
    CHECK_EQ_UINT(1, cursor_calls);
    CHECK_EQ_UINT(0, cursor_position);
}

TEST(test_write_draws_characters_in_consecutive_cells)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "Hi!");
    CHECK_CELL(cells, 0, 0, GREY << 8 | 'H');
    CHECK_CELL(cells, 0, 1, GREY << 8 | 'i');
    CHECK_CELL(cells, 0, 2, GREY << 8 | '!');
    CHECK_CELL(cells, 0, 3, UNTOUCHED);
    CHECK_POSITION(&vga, 0, 3);
}

TEST(test_write_draws_exactly_n_characters)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    vga_write(&vga, "abcdef", 3);
    CHECK_CELL(cells, 0, 2, GREY << 8 | 'c');
    CHECK_CELL(cells, 0, 3, UNTOUCHED);
    CHECK_POSITION(&vga, 0, 3);
}

TEST(test_set_color_puts_background_in_high_nibble)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    vga_set_color(&vga, VGA_YELLOW, VGA_BLUE);
    write_str(&vga, "x");
    CHECK_CELL(cells, 0, 0, 0x1Eu << 8 | 'x');
}

TEST(test_set_color_keeps_out_of_range_colours_in_their_nibble)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    vga_set_color(&vga, (enum vga_color)0x3E, (enum vga_color)0x21);
    CHECK_EQ_UINT(0x1E, vga.attribute);
}

TEST(test_set_color_changes_only_later_characters)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "a");
    vga_set_color(&vga, VGA_RED, VGA_BLACK);
    write_str(&vga, "b");
    CHECK_CELL(cells, 0, 0, GREY << 8 | 'a');
    CHECK_CELL(cells, 0, 1, 0x04u << 8 | 'b');
}

TEST(test_newline_starts_next_row_at_column_zero_without_drawing)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "abc\nd");
    CHECK_CELL(cells, 0, 3, UNTOUCHED);
    CHECK_CELL(cells, 1, 0, GREY << 8 | 'd');
    CHECK_POSITION(&vga, 1, 1);
}

TEST(test_carriage_return_returns_to_column_zero_of_same_row)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "abc\rX");
    CHECK_CELL(cells, 0, 0, GREY << 8 | 'X');
    CHECK_CELL(cells, 0, 1, GREY << 8 | 'b');
    CHECK_POSITION(&vga, 0, 1);
}

TEST(test_tab_advances_to_next_multiple_of_tab_width)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "\t");
    CHECK_POSITION(&vga, 0, 8);
    write_str(&vga, "\t");
    CHECK_POSITION(&vga, 0, 16);
    write_str(&vga, "abc\t");
    CHECK_POSITION(&vga, 0, 24);
    write_str(&vga, "1234567\t");
    CHECK_POSITION(&vga, 0, 32);
}

TEST(test_tab_moves_without_drawing)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "a\tb");
    CHECK_CELL(cells, 0, 0, GREY << 8 | 'a');
    for (unsigned column = 1; column < VGA_TAB_WIDTH; column++)
        CHECK_CELL(cells, 0, column, UNTOUCHED);
    CHECK_CELL(cells, 0, VGA_TAB_WIDTH, GREY << 8 | 'b');
}

TEST(test_tab_from_last_tab_stop_wraps_to_next_row)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_repeated(&vga, 'x', VGA_COLUMNS - VGA_TAB_WIDTH);
    write_str(&vga, "\t");
    CHECK_POSITION(&vga, 1, 0);
    write_repeated(&vga, 'y', VGA_COLUMNS - 1);
    write_str(&vga, "\t");
    CHECK_POSITION(&vga, 2, 0);
}

TEST(test_tab_from_last_tab_stop_of_last_row_scrolls)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    vga_clear(&vga);
    write_repeated(&vga, '\n', LAST_ROW);
    write_repeated(&vga, 'z', VGA_COLUMNS - 3);
    write_str(&vga, "\t");
    CHECK_CELL(cells, LAST_ROW - 1, 0, GREY << 8 | 'z');
    CHECK_CELL(cells, LAST_ROW - 1, VGA_COLUMNS - 4, GREY << 8 | 'z');
    CHECK_CELL(cells, LAST_ROW - 1, VGA_COLUMNS - 3, GREY << 8 | ' ');
    CHECK_ROWS_HOLD(cells, LAST_ROW, LAST_ROW, GREY << 8 | ' ');
    CHECK_POSITION(&vga, LAST_ROW, 0);
}

TEST(test_backspace_steps_back_one_column_without_erasing)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "abc\b");
    CHECK_POSITION(&vga, 0, 2);
    CHECK_CELL(cells, 0, 2, GREY << 8 | 'c');
    write_str(&vga, "X");
    CHECK_CELL(cells, 0, 2, GREY << 8 | 'X');
}

TEST(test_backspace_at_column_zero_stays_on_same_row)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "a\nb\b\b\b");
    CHECK_POSITION(&vga, 1, 0);
    write_str(&vga, "X");
    CHECK_CELL(cells, 0, 0, GREY << 8 | 'a');
    CHECK_CELL(cells, 1, 0, GREY << 8 | 'X');
}

TEST(test_character_after_column_79_goes_to_next_row)
{
    uint16_t cells[CELLS];
    struct vga vga;
    const char *full_row = "0123456789abcdefghijklmnopqrstuvwxyz"
                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^&*()-_=+[]{}";

    start(&vga, cells);
    CHECK_EQ_UINT(VGA_COLUMNS, strlen(full_row));
    write_str(&vga, full_row);
    write_str(&vga, "Z");
    CHECK_ROW_TEXT(cells, 0, full_row);
    CHECK_CELL(cells, 1, 0, GREY << 8 | 'Z');
}

TEST(test_wrap_happens_right_after_column_79)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_repeated(&vga, 'w', VGA_COLUMNS);
    CHECK_POSITION(&vga, 1, 0);
    CHECK_EQ_UINT(AT(1, 0), cursor_position);
}

TEST(test_newline_after_full_row_leaves_empty_row)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    vga_clear(&vga);
    write_repeated(&vga, 'w', VGA_COLUMNS);
    write_str(&vga, "\nnext");
    CHECK_ROW_TEXT(cells, 1, "");
    CHECK_ROW_TEXT(cells, 2, "next");
}

TEST(test_newline_on_last_row_scrolls_content_up_one_row)
{
    uint16_t cells[CELLS];
    struct vga vga;
    char line[32];

    start(&vga, cells);
    vga_clear(&vga);
    for (unsigned row = 0; row < VGA_ROWS; row++) {
        snprintf(line, sizeof line, row == 0 ? "row %u" : "\nrow %u", row);
        write_str(&vga, line);
    }
    write_str(&vga, "\n");
    for (unsigned row = 0; row < LAST_ROW; row++) {
        snprintf(line, sizeof line, "row %u", row + 1);
        CHECK_ROW_TEXT(cells, row, line);
    }
    CHECK_ROW_TEXT(cells, LAST_ROW, "");
    CHECK_POSITION(&vga, LAST_ROW, 0);
}

TEST(test_scroll_moves_colours_with_characters)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "\n");
    vga_set_color(&vga, VGA_GREEN, VGA_MAGENTA);
    write_str(&vga, "g");
    write_repeated(&vga, '\n', LAST_ROW);
    CHECK_CELL(cells, 0, 0, 0x52u << 8 | 'g');
}

TEST(test_scroll_blanks_last_row_in_current_colour)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_repeated(&vga, '\n', LAST_ROW);
    vga_set_color(&vga, VGA_WHITE, VGA_RED);
    write_str(&vga, "\n");
    CHECK_ROWS_HOLD(cells, 0, LAST_ROW - 1, UNTOUCHED);
    CHECK_ROWS_HOLD(cells, LAST_ROW, LAST_ROW, 0x4Fu << 8 | ' ');
}

TEST(test_wrap_on_last_row_scrolls)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    vga_clear(&vga);
    write_repeated(&vga, '\n', LAST_ROW);
    write_repeated(&vga, 'w', VGA_COLUMNS);
    CHECK_ROWS_HOLD(cells, LAST_ROW - 1, LAST_ROW - 1, GREY << 8 | 'w');
    CHECK_ROWS_HOLD(cells, LAST_ROW, LAST_ROW, GREY << 8 | ' ');
    CHECK_POSITION(&vga, LAST_ROW, 0);
}

TEST(test_hundred_lines_leave_last_25_on_screen_in_order)
{
    uint16_t cells[CELLS];
    struct vga vga;
    char line[32];

    start(&vga, cells);
    vga_clear(&vga);
    for (unsigned i = 0; i < 100; i++) {
        snprintf(line, sizeof line, i == 0 ? "line %03u" : "\nline %03u", i);
        write_str(&vga, line);
    }
    for (unsigned row = 0; row < VGA_ROWS; row++) {
        snprintf(line, sizeof line, "line %03u", 100 - VGA_ROWS + row);
        CHECK_ROW_TEXT(cells, row, line);
    }
    CHECK_POSITION(&vga, LAST_ROW, 8);
}

TEST(test_cursor_reports_cell_after_last_character)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "ab\ncd");
    CHECK_EQ_UINT(AT(1, 2), cursor_position);
}

TEST(test_cursor_stays_on_last_row_after_scrolling)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_repeated(&vga, '\n', VGA_ROWS + 5);
    write_str(&vga, "ab");
    CHECK_EQ_UINT(AT(LAST_ROW, 2), cursor_position);
}

TEST(test_cursor_reported_once_per_write)
{
    uint16_t cells[CELLS];
    struct vga vga;
    char text[3 * VGA_COLUMNS * VGA_ROWS];

    /* Enough characters, newlines and tabs to wrap and scroll many times. */
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = i % 97 == 0 ? '\n' : i % 13 == 0 ? '\t' : (char)('a' + i % 26);
    start(&vga, cells);
    vga_write(&vga, text, sizeof text);
    CHECK_EQ_UINT(1, cursor_calls);
    write_str(&vga, "more");
    CHECK_EQ_UINT(2, cursor_calls);
}

TEST(test_empty_write_still_reports_cursor)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "abc");
    forget_cursor_reports();
    vga_write(&vga, "", 0);
    CHECK_EQ_UINT(1, cursor_calls);
    CHECK_EQ_UINT(AT(0, 3), cursor_position);
}

TEST(test_null_cursor_callback_is_allowed)
{
    uint16_t cells[CELLS] = { 0 };
    struct vga vga;

    forget_cursor_reports();
    vga_init(&vga, cells, NULL);
    write_str(&vga, "ok\n");
    vga_clear(&vga);
    write_str(&vga, "x");
    CHECK_CELL(cells, 0, 0, GREY << 8 | 'x');
    CHECK_EQ_UINT(0, cursor_calls);
}

TEST(test_high_bytes_are_stored_without_sign_extension)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    write_str(&vga, "\xDB\x80\xFF");
    CHECK_CELL(cells, 0, 0, GREY << 8 | 0xDB);
    CHECK_CELL(cells, 0, 1, GREY << 8 | 0x80);
    CHECK_CELL(cells, 0, 2, GREY << 8 | 0xFF);
}

TEST(test_other_control_bytes_are_drawn_as_glyphs)
{
    uint16_t cells[CELLS];
    struct vga vga;

    start(&vga, cells);
    vga_write(&vga, "\x01\x1B\0", 3);
    CHECK_CELL(cells, 0, 0, GREY << 8 | 0x01);
    CHECK_CELL(cells, 0, 1, GREY << 8 | 0x1B);
    CHECK_CELL(cells, 0, 2, GREY << 8 | 0x00);
    CHECK_POSITION(&vga, 0, 3);
}
