import Foundation
import Snapshots

/// Why the `s` key could not save the screen: the directory and the reason, never a raw NSError.
public struct ScreenSaveError: Error, CustomStringConvertible, Equatable {
    public let directory: String
    public let reason: String
    public var description: String {
        "could not save the screen into '\(UntrustedText(directory))': \(reason)"
    }
}

extension CellGrid {
    /// Writes the screen as `<stem>.txt` (plain text) and `<stem>.svg` (colours, for slides) into
    /// `directory` (created if missing), for the `s` key. Returns the two paths. Never overwrites: a
    /// second save within the same second gets `<stem>-2`, and a failed SVG removes its text twin, so
    /// a save leaves both files or neither.
    @discardableResult
    public func save(toDirectory directory: String, stem: String, palette: Palette? = nil) throws(ScreenSaveError)
        -> [String]
    {
        func failure(_ reason: String) -> ScreenSaveError { ScreenSaveError(directory: directory, reason: reason) }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue { throw failure("it is a file, not a directory") }
        if !exists {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw failure("it cannot be created (a parent is missing, a file or not writable)")
            }
        }
        guard access(directory, W_OK) == 0 else { throw failure(String(cString: strerror(errno))) }
        guard let base = Self.freeBase(in: directory, stem: stem) else {
            throw failure("100 screens named \(stem) already exist")
        }
        let textPath = base + ".txt"
        let svgPath = base + ".svg"
        let background = palette?.background.svgHex ?? "#1c1c1c"
        let foreground = palette?.color(.text).svgHex ?? "#d0d0d0"
        do {
            try plainText.write(toFile: textPath, atomically: true, encoding: .utf8)
        } catch {
            throw failure("writing \((textPath as NSString).lastPathComponent) failed (disk full?)")
        }
        do {
            try svg(defaultForeground: foreground, defaultBackground: background)
                .write(toFile: svgPath, atomically: true, encoding: .utf8)
        } catch {
            try? FileManager.default.removeItem(atPath: textPath)
            throw failure("writing \((svgPath as NSString).lastPathComponent) failed (disk full?)")
        }
        return [textPath, svgPath]
    }

    /// `directory/stem`, or `directory/stem-N` for the first N whose `.txt` and `.svg` are both free.
    static func freeBase(in directory: String, stem: String) -> String? {
        for n in 1...100 {
            let base = (directory as NSString).appendingPathComponent(n == 1 ? stem : "\(stem)-\(n)")
            let taken = [".txt", ".svg"].contains { FileManager.default.fileExists(atPath: base + $0) }
            if !taken { return base }
        }
        return nil
    }
}
