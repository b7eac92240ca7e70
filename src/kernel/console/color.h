/*
 * color.h: the 16 colours the console draws text in.
 *
 * In the order of the VGA text palette, so a colour is also its 4-bit
 * VGA attribute value: the text grid's cells (text_grid.h) are VGA text
 * cells, and the framebuffer console (fbcon.c) maps each colour to the
 * RGB value VGA shows for it.
 */
#ifndef COLOR_H
#define COLOR_H

enum console_color {
    CONSOLE_BLACK, CONSOLE_BLUE, CONSOLE_GREEN, CONSOLE_CYAN,
    CONSOLE_RED, CONSOLE_MAGENTA, CONSOLE_BROWN, CONSOLE_LIGHT_GREY,
    CONSOLE_DARK_GREY, CONSOLE_LIGHT_BLUE, CONSOLE_LIGHT_GREEN, CONSOLE_LIGHT_CYAN,
    CONSOLE_LIGHT_RED, CONSOLE_LIGHT_MAGENTA, CONSOLE_YELLOW, CONSOLE_WHITE,
    CONSOLE_COLORS /* how many there are */
};

#endif
