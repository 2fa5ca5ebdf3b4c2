#ifndef KINETICS_CNCURSES_SHIM_H
#define KINETICS_CNCURSES_SHIM_H

/* Wide-character ncurses: these must come before the include, or cchar_t and the
   wide functions silently disappear. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Macros and variadic calls that Swift cannot import, as typed functions. */
static inline int kt_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline attr_t kt_attr_bold(void) { return A_BOLD; }
static inline attr_t kt_attr_dim(void) { return A_DIM; }
static inline attr_t kt_attr_reverse(void) { return A_REVERSE; }
static inline attr_t kt_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t kt_attr_italic(void) { return A_ITALIC; }
static inline WINDOW *kt_stdscr(void) { return stdscr; }
static inline int kt_lines(void) { return LINES; }
static inline int kt_cols(void) { return COLS; }
static inline int kt_colors(void) { return COLORS; }
static inline int kt_color_pairs(void) { return COLOR_PAIRS; }
static inline int kt_key_resize(void) { return KEY_RESIZE; }
static inline int kt_key_mouse(void) { return KEY_MOUSE; }
static inline int kt_key_code_yes(void) { return KEY_CODE_YES; }
static inline mmask_t kt_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t kt_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t kt_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t kt_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }

/* Sets one cell from up to CCHARW_MAX wide characters (a base character plus combining marks). */
static inline int kt_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, short pair) {
    return setcchar(cell, text, attrs, pair, NULL);
}

#endif
