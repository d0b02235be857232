/// The compression-window scatter (the paper's second claim): test loss against LMN and against L2,
/// one dot per evaluation, older dots dimmer, the least-squares line and the linearity score
/// (docs/linearity.md). Plain values, filled by the Monitor→TUI adapter.
public struct ScatterPanelModel: Equatable, Sendable {
    /// One scatter: x = a complexity measure, y = test loss.
    public struct Plot: Equatable, Sendable {
        /// "LMN", "L2".
        public var xName: String
        public var role: ThemeRole
        /// Dots in step order (oldest first); the order sets their brightness.
        public var points: [(x: Double, y: Double)]
        /// y = slope·x + intercept, when a line is defined.
        public var line: (slope: Double, intercept: Double)?
        public var linearR2: Double?
        /// linear r² / monotone r² (1 = straight); nil when undefined.
        public var score: Double?

        public init(
            xName: String, role: ThemeRole, points: [(x: Double, y: Double)],
            line: (slope: Double, intercept: Double)? = nil, linearR2: Double? = nil, score: Double? = nil
        ) {
            self.xName = xName
            self.role = role
            self.points = points
            self.line = line
            self.linearR2 = linearR2
            self.score = score
        }

        public static func == (a: Plot, b: Plot) -> Bool {
            a.xName == b.xName && a.role == b.role && a.linearR2 == b.linearR2 && a.score == b.score
                && a.line?.slope == b.line?.slope && a.line?.intercept == b.line?.intercept
                && a.points.count == b.points.count
                && zip(a.points, b.points).allSatisfy { $0.x == $1.x && $0.y == $1.y }
        }
    }

    /// "steps 150–6 050" or "steps 150–now".
    public var window: String
    public var plots: [Plot]

    public init(window: String, plots: [Plot]) {
        self.window = window
        self.plots = plots
    }
}
