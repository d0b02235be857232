import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses an SVG with Foundation's XMLParser and counts what the tests ask about.
final class SVGInspector: NSObject, XMLParserDelegate {
    private(set) var rootElement: String?
    private(set) var isWellFormed = false
    private(set) var error: String?
    /// For each `<g class="panel">`, the `data-phase` of its `rect class="phase-band"` children.
    private(set) var panelBands: [[String]] = []
    private var insidePanel = false
    private var depth = 0
    private var panelDepth = 0

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        isWellFormed = parser.parse()
        error = parser.parserError.map { "\($0)" }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        depth += 1
        if rootElement == nil { rootElement = name }
        if name == "g", attributes["class"] == "panel" {
            insidePanel = true
            panelDepth = depth
            panelBands.append([])
        }
        if insidePanel, name == "rect", attributes["class"] == "phase-band" {
            panelBands[panelBands.count - 1].append(attributes["data-phase"] ?? "?")
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if insidePanel, depth == panelDepth { insidePanel = false }
        depth -= 1
    }
}
