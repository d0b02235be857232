import Runs
import TUI
import Testing

@testable import RunsView

@Suite struct RunsKeysTests {
    func table() -> RunsTable {
        var table = RunsTable(staleAfter: 1e9)
        for name in ["a", "b", "c"] { table.add(id: "/d/" + name, name: name, now: 0) }
        table.selectedID = "/d/a"
        return table
    }

    @Test func navigationMarksSortAndOpen() {
        var t = table()
        var editing = false
        #expect(RunsKeys.handle(.down, table: &t, editingFilter: &editing, now: 0) == .redraw)
        #expect(t.selectedID == "/d/b")
        #expect(RunsKeys.handle(.character(" "), table: &t, editingFilter: &editing, now: 0) == .redraw)
        #expect(t.marked == ["/d/b"])
        #expect(RunsKeys.handle(.character(">"), table: &t, editingFilter: &editing, now: 0) == .redraw)
        #expect(t.sortColumn == .status)
        #expect(RunsKeys.handle(.character("r"), table: &t, editingFilter: &editing, now: 0) == .redraw)
        #expect(!t.ascending)
        #expect(RunsKeys.handle(.enter, table: &t, editingFilter: &editing, now: 0) == .open("/d/b"))
        #expect(RunsKeys.handle(.character("o"), table: &t, editingFilter: &editing, now: 0) == .overlay(["/d/b"]))
        #expect(RunsKeys.handle(.character("q"), table: &t, editingFilter: &editing, now: 0) == .quit)
        // Negative: an unbound key does nothing; Esc without a filter does nothing.
        #expect(RunsKeys.handle(.character("Z"), table: &t, editingFilter: &editing, now: 0) == .none)
        #expect(RunsKeys.handle(.escape, table: &t, editingFilter: &editing, now: 0) == .none)
    }

    @Test func filterPromptTakesCharactersUntilEnterOrEsc() {
        var t = table()
        var editing = false
        _ = RunsKeys.handle(.character("/"), table: &t, editingFilter: &editing, now: 0)
        #expect(editing)
        for c in "cq" {
            _ = RunsKeys.handle(.character(c.unicodeScalars.first!), table: &t, editingFilter: &editing, now: 0)
        }
        #expect(t.filter == "cq")  // q is text while editing, not quit
        _ = RunsKeys.handle(.backspace, table: &t, editingFilter: &editing, now: 0)
        _ = RunsKeys.handle(.character("\u{7}"), table: &t, editingFilter: &editing, now: 0)  // control: ignored
        #expect(t.filter == "c")
        #expect(t.selectedID == "/d/c")  // selection follows the filter
        _ = RunsKeys.handle(.enter, table: &t, editingFilter: &editing, now: 0)
        #expect(!editing && t.filter == "c")
        #expect(RunsKeys.handle(.escape, table: &t, editingFilter: &editing, now: 0) == .redraw)
        #expect(t.filter.isEmpty)
        _ = RunsKeys.handle(.character("/"), table: &t, editingFilter: &editing, now: 0)
        _ = RunsKeys.handle(.character("x"), table: &t, editingFilter: &editing, now: 0)
        _ = RunsKeys.handle(.escape, table: &t, editingFilter: &editing, now: 0)
        #expect(!editing && t.filter.isEmpty)
        // Enter on an empty (filtered-out) table opens nothing.
        t.filter = "nothing"
        #expect(RunsKeys.handle(.enter, table: &t, editingFilter: &editing, now: 0) == .none)
    }
}
