import CNcurses
import TUI

extension CursesBackend {
    /// Waits up to `timeoutMilliseconds` for a key (wide-character aware) and maps it to a
    /// `KeyPress`. A terminal resize arrives as `.resize` (ncurses turns SIGWINCH into KEY_RESIZE).
    /// Ctrl-Z and SIGCONT are handled here, in the loop's context: a stop request suspends the process
    /// (terminal restored first); after it or a SIGCONT the answer is `.resize`, so the loop repaints.
    public func readKey(timeoutMilliseconds: Int) -> KeyPress? {
        if TerminalSignals.takeStopRequest() { TerminalSignals.suspend() }
        if TerminalSignals.takeRepaintRequest() {
            lastGrid = nil
            return .resize
        }
        gs_timeout(Int32(max(0, min(timeoutMilliseconds, Int(Int32.max)))))
        var value: wint_t = 0
        let status = gs_get_wch(&value)
        if status == gs_err() { return nil }
        if status == gs_key_code_yes() { return Self.keyCode(Int32(value)) }
        switch value {
        case 27: return .escape
        case 10, 13: return .enter
        case 8, 127: return .backspace
        default: return Unicode.Scalar(UInt32(value)).map { .character($0) }
        }
    }

    static func keyCode(_ code: Int32) -> KeyPress? {
        switch code {
        case gs_key_left(): return .left
        case gs_key_right(): return .right
        case gs_key_up(): return .up
        case gs_key_down(): return .down
        case gs_key_home(): return .home
        case gs_key_end(): return .end
        case gs_key_ppage(): return .pageUp
        case gs_key_npage(): return .pageDown
        case gs_key_backspace(): return .backspace
        case gs_key_enter(): return .enter
        case gs_key_resize(): return .resize
        case (gs_key_f0() + 1)...(gs_key_f0() + 24): return .function(Int(code - gs_key_f0()))
        default: return nil
        }
    }
}
