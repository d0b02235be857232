import TUI
import Testing

@Suite struct ColorTests {
    @Test(arguments: [
        (["TERM": "xterm-256color"], ColorDepth.ansi256),
        (["TERM": "xterm-256color", "COLORTERM": "truecolor"], .trueColor),
        (["TERM": "tmux-256color", "COLORTERM": "24bit"], .trueColor),
        (["TERM": "xterm-direct"], .trueColor),
        (["TERM": "screen-256color"], .ansi256),
        (["TERM": "xterm"], .ansi16),
        (["TERM": "linux"], .ansi16),
        (["TERM": "vt100"], .mono),
        (["TERM": "dumb"], .mono),
        ([:], .mono),
        (["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"], .mono),
        (["TERM": "xterm-256color", "NO_COLOR": ""], .ansi256),
    ])
    func depthDetection(environment: [String: String], expected: ColorDepth) {
        #expect(ColorDepth.detect(environment: environment) == expected)
    }

    @Test func overrideWins() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1"], override: .ansi256) == .ansi256)
        #expect(ColorDepth(option: "truecolor") == .trueColor)
        #expect(ColorDepth(option: "16") == .ansi16)
        #expect(ColorDepth(option: "mono") == .mono)
        #expect(ColorDepth(option: "purple") == nil)
    }

    @Test func quantisationHitsExactCubeAndGreyEntries() {
        #expect(ColorQuantizer.index256(for: RGB(255, 0, 0)) == 196)
        #expect(ColorQuantizer.index256(for: RGB(0, 0, 0)) == 16)
        #expect(ColorQuantizer.index256(for: RGB(255, 255, 255)) == 231)
        #expect(ColorQuantizer.index256(for: RGB(95, 135, 175)) == 67)
        #expect(ColorQuantizer.index256(for: RGB(128, 128, 128)) == 244)  // grey ramp beats the cube
        #expect(ColorQuantizer.index256(for: RGB(0xd5, 0x5e, 0x00)) == 166)
    }

    @Test func quantisationRoundTripsEveryPaletteEntryFrom16() {
        for i in 16...255 {
            let rgb = ColorQuantizer.rgb(ofIndex: UInt8(i))
            let back = ColorQuantizer.index256(for: rgb)
            #expect(ColorQuantizer.rgb(ofIndex: back) == rgb, "index \(i)")
        }
    }

    @Test func sixteenColourQuantisation() {
        #expect(ColorQuantizer.index16(for: RGB(250, 10, 10)) == 9)
        #expect(ColorQuantizer.index16(for: RGB(0, 0, 0)) == 0)
        #expect(ColorQuantizer.index16(for: RGB(0, 200, 0)) == 2)
    }

    @Test func hexParsing() {
        #expect(RGB(hex: "#0072b2") == RGB(0, 0x72, 0xb2))
        #expect(RGB(hex: "0072B2") == RGB(0, 0x72, 0xb2))
        #expect(RGB(hex: "#12345") == nil)
        #expect(RGB(0, 0x72, 0xb2).hex == "#0072b2")
    }

    @Test func glyphSetFromLocale() {
        #expect(GlyphSet.detect(environment: ["LANG": "en_US.UTF-8", "TERM": "xterm-256color"]) == .braille)
        #expect(GlyphSet.detect(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(GlyphSet.detect(environment: ["LC_CTYPE": "C.utf8"]) == .braille)
        #expect(GlyphSet.detect(environment: [:]) == .ascii)
        #expect(GlyphSet.detect(environment: ["LANG": "C.UTF-8", "TERM": "linux"]) == .blocks)
    }
}
