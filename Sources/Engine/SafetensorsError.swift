/// A safetensors file we cannot read or write: which file, what is wrong, what to do.
public struct SafetensorsError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var problem: String
    public var fix: String

    public init(path: String, problem: String, fix: String) {
        self.path = path
        self.problem = problem
        self.fix = fix
    }

    public var description: String { "\(path): \(problem). \(fix)" }

    static func corrupt(_ path: String, _ problem: String) -> SafetensorsError {
        SafetensorsError(
            path: path, problem: problem,
            fix: "The file is truncated or not a safetensors checkpoint; restore it or start a fresh run.")
    }
}
