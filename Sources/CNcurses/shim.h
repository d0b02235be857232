#ifndef GS_CNCURSES_SHIM_H
#define GS_CNCURSES_SHIM_H
// Wide-character curses; macros Swift cannot import get tiny static inline gs_ wrappers here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline int gs_lines(void) { return LINES; }
static inline int gs_cols(void) { return COLS; }
static inline int gs_colors(void) { return COLORS; }
static inline int gs_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t gs_a_bold(void) { return A_BOLD; }
static inline attr_t gs_a_dim(void) { return A_DIM; }
static inline attr_t gs_a_reverse(void) { return A_REVERSE; }
static inline attr_t gs_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gs_a_normal(void) { return A_NORMAL; }
static inline int gs_key_resize(void) { return KEY_RESIZE; }
static inline int gs_err(void) { return ERR; }
static inline void gs_set_escdelay(int ms) { set_escdelay(ms); }
#endif
