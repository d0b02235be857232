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
// --- CursesTerminal helpers (grid blitting, keys, colours) ---
static inline WINDOW *gs_stdscr(void) { return stdscr; }
static inline int gs_ok(void) { return OK; }
static inline int gs_key_code_yes(void) { return KEY_CODE_YES; }
static inline int gs_key_left(void) { return KEY_LEFT; }
static inline int gs_key_right(void) { return KEY_RIGHT; }
static inline int gs_key_up(void) { return KEY_UP; }
static inline int gs_key_down(void) { return KEY_DOWN; }
static inline int gs_key_home(void) { return KEY_HOME; }
static inline int gs_key_end(void) { return KEY_END; }
static inline int gs_key_ppage(void) { return KEY_PPAGE; }
static inline int gs_key_npage(void) { return KEY_NPAGE; }
static inline int gs_key_backspace(void) { return KEY_BACKSPACE; }
static inline int gs_key_enter(void) { return KEY_ENTER; }
static inline int gs_key_f0(void) { return KEY_F0; }
/// Writes one cell: a single code point with attributes and an (extended) colour pair.
static inline int gs_put_cell(int y, int x, unsigned int codepoint, attr_t attrs, int pair) {
    cchar_t cell;
    wchar_t text[2] = { (wchar_t)codepoint, L'\0' };
    if (setcchar(&cell, text, attrs, 0, &pair) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}
static inline int gs_get_wch(wint_t *out) { return wget_wch(stdscr, out); }
static inline void gs_timeout(int ms) { wtimeout(stdscr, ms); }
/// A terminfo string capability, or NULL when the terminal lacks it (tigetstr's (char *)-1 too).
static inline const char *gs_tigetstr(const char *name) {
    char *value = tigetstr((char *)name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}
#endif
