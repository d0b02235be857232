import CNcurses

// Placeholder: the curses backend is being built.
enum CursesTerminalModule {
    static func linkCheck() -> Int32 { gs_err() }
}
