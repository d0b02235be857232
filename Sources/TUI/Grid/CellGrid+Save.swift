import Foundation

extension CellGrid {
    /// Writes the screen as `<stem>.txt` (plain text) and `<stem>.svg` (colours, for slides) into
    /// `directory` (created if missing), for the `s` key. Returns the two paths.
    @discardableResult
    public func save(toDirectory directory: String, stem: String, palette: Palette? = nil) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let base = (directory as NSString).appendingPathComponent(stem)
        let textPath = base + ".txt"
        let svgPath = base + ".svg"
        try plainText.write(toFile: textPath, atomically: true, encoding: .utf8)
        let background = palette?.background.svgHex ?? "#1c1c1c"
        let foreground = palette?.color(.text).svgHex ?? "#d0d0d0"
        try svg(defaultForeground: foreground, defaultBackground: background)
            .write(toFile: svgPath, atomically: true, encoding: .utf8)
        return [textPath, svgPath]
    }
}
