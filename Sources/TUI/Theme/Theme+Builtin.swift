// Generated from themes/default.yaml (a test checks they stay identical). Edit both together.
extension Theme {
    static let builtinDefaultYAML = """
        # grokscope default theme (dark). Format: docs/themes.md.
        # color: 256-colour index or "#rrggbb"; ansi16: 16-colour fallback; attrs: always; mono: no-colour attributes.
        name: default
        summary: Dark background, 256 colours; train blue, test orange, LMN magenta, L2 green.
        roles:
          background: default
          text: { color: 252, ansi16: white }
          dimText: { color: 244, ansi16: brightblack, mono: dim }
          border: { color: 238, ansi16: brightblack, mono: dim }
          title: { color: 117, ansi16: brightcyan, attrs: bold, mono: bold }
          axis: { color: 245, ansi16: brightblack, mono: dim }
          badgeText: { color: 16, ansi16: black, attrs: bold, mono: bold }
          cursor: { color: 226, ansi16: brightyellow, attrs: bold, mono: reverse }
          warning: { color: 203, ansi16: brightred, attrs: bold, mono: bold underline }
          helpOverlay: { color: 236, ansi16: blue }
          trainLoss: { color: 75, ansi16: brightblue }
          testLoss: { color: 209, ansi16: brightred }
          trainAccuracy: { color: 75, ansi16: brightblue }
          testAccuracy: { color: 209, ansi16: brightred }
          lmn: { color: 170, ansi16: brightmagenta, attrs: bold }
          l2: { color: 114, ansi16: brightgreen }
          layerNorm: { color: 180, ansi16: yellow }
          otherSeries: { color: 250, ansi16: white }
          warmup: { color: 240, ansi16: brightblack }
          memorization: { color: 131, ansi16: red }
          compression: { color: 172, ansi16: yellow }
          generalization: { color: 71, ansi16: green }
          marker: { color: 231, ansi16: brightwhite, attrs: bold, mono: bold }
          divergence: { color: 196, ansi16: brightred, attrs: bold, mono: bold reverse }
          live: { color: 76, ansi16: green }
          stale: { color: 214, ansi16: yellow, attrs: bold, mono: bold }
        """
}
