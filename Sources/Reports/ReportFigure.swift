import Phases

/// What the slide figure shows: panels of curves over the step axis, on top of phase bands.
/// Plain values, so the figure can be drawn from any source (a finished stream, a live monitor).
public struct ReportFigure: Sendable, Equatable {
    public struct Curve: Sendable, Equatable {
        public var label: String
        /// `#rrggbb`.
        public var color: String
        /// Points in step order; non-finite values are gaps.
        public var points: [(step: Int, value: Double)]

        public init(label: String, color: String, points: [(step: Int, value: Double)]) {
            self.label = label
            self.color = color
            self.points = points
        }

        public static func == (a: Curve, b: Curve) -> Bool {
            a.label == b.label && a.color == b.color && a.points.count == b.points.count
                && zip(a.points, b.points).allSatisfy {
                    $0.step == $1.step && ($0.value == $1.value || ($0.value.isNaN && $1.value.isNaN))
                }
        }
    }

    public struct Panel: Sendable, Equatable {
        public var title: String
        public var logScale: Bool
        public var curves: [Curve]

        public init(title: String, logScale: Bool = false, curves: [Curve]) {
            self.title = title
            self.logScale = logScale
            self.curves = curves
        }
    }

    /// A coloured stretch of the step axis: memorization, compression or generalization.
    public struct Band: Sendable, Equatable {
        public var label: String
        public var color: String
        public var steps: ClosedRange<Int>

        public init(label: String, color: String, steps: ClosedRange<Int>) {
            self.label = label
            self.color = color
            self.steps = steps
        }
    }

    /// A labelled vertical line, e.g. `t_mem`, `t_gen`, `LMN peak`.
    public struct Marker: Sendable, Equatable {
        public var label: String
        public var step: Int

        public init(label: String, step: Int) {
            self.label = label
            self.step = step
        }
    }

    /// The paper figure: test loss against a complexity measure over the compression window.
    public struct Scatter: Sendable, Equatable {
        /// "LMN (N = 128)", "L2 norm".
        public var xLabel: String
        /// `#rrggbb`.
        public var color: String
        /// Dots in step order (finite).
        public var points: [(step: Int, x: Double, y: Double)]
        public var fit: LinearityFit?

        public init(xLabel: String, color: String, points: [(step: Int, x: Double, y: Double)], fit: LinearityFit?) {
            self.xLabel = xLabel
            self.color = color
            self.points = points
            self.fit = fit
        }

        public static func == (a: Scatter, b: Scatter) -> Bool {
            a.xLabel == b.xLabel && a.color == b.color && a.fit == b.fit && a.points.count == b.points.count
                && zip(a.points, b.points).allSatisfy { $0.step == $1.step && $0.x == $1.x && $0.y == $1.y }
        }
    }

    public var title: String
    public var subtitle: String
    public var stepRange: ClosedRange<Int>
    public var panels: [Panel]
    public var bands: [Band]
    public var markers: [Marker]
    /// "compression window, steps 150–6050" and one scatter per measure; empty = no paper figure.
    public var scatterCaption: String
    public var scatters: [Scatter]

    public init(
        title: String, subtitle: String, stepRange: ClosedRange<Int>, panels: [Panel], bands: [Band],
        markers: [Marker], scatterCaption: String = "", scatters: [Scatter] = []
    ) {
        self.scatterCaption = scatterCaption
        self.scatters = scatters
        self.title = title
        self.subtitle = subtitle
        self.stepRange = stepRange
        self.panels = panels
        self.bands = bands
        self.markers = markers
    }
}
