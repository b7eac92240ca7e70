/*
 * capture.h: a report_printer for the host unit tests that keeps what is
 * printed and splits it into lines, so tests can compare them exactly.
 */
#ifndef CAPTURE_H
#define CAPTURE_H

#define CAPTURE_MAX_LINES 128

/* Forgets everything captured so far. */
void capture_reset(void);

/* The printer: appends formatted text (a report_printer). */
void capture_print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Splits what was printed into capture_lines (newlines removed) and
 * returns how many. A failed check is recorded if the text overflowed or
 * did not end with a newline; an unterminated tail still counts as a line
 * and sets capture_unterminated.
 */
int capture_split(void);

extern const char *capture_lines[CAPTURE_MAX_LINES];
extern int capture_unterminated;

#endif
