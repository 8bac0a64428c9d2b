/// What each TeX command without arguments stands for, and as which MathML
/// token it is written. Characters follow Unicode's mathematical symbols
/// (and texmath's choices where TeX allows several).
enum Symbols {
    enum Kind { case identifier, symbol, open, close, bigOp, bigOpNoLimits }

    static let table: [String: (String, Kind)] = {
        var t: [String: (String, Kind)] = [:]
        let greek: [(String, String)] = [
            ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("epsilon", "ϵ"),
            ("varepsilon", "ε"), ("zeta", "ζ"), ("eta", "η"), ("theta", "θ"), ("vartheta", "ϑ"),
            ("iota", "ι"), ("kappa", "κ"), ("lambda", "λ"), ("mu", "μ"), ("nu", "ν"), ("xi", "ξ"),
            ("pi", "π"), ("varpi", "ϖ"), ("rho", "ρ"), ("varrho", "ϱ"), ("sigma", "σ"),
            ("varsigma", "ς"), ("tau", "τ"), ("upsilon", "υ"), ("phi", "ϕ"), ("varphi", "φ"),
            ("chi", "χ"), ("psi", "ψ"), ("omega", "ω"),
            ("Gamma", "Γ"), ("Delta", "Δ"), ("Theta", "Θ"), ("Lambda", "Λ"), ("Xi", "Ξ"),
            ("Pi", "Π"), ("Sigma", "Σ"), ("Upsilon", "ϒ"), ("Phi", "Φ"), ("Psi", "Ψ"), ("Omega", "Ω"),
        ]
        for (name, c) in greek { t[name] = (c, .identifier) }
        let identifiers: [(String, String)] = [
            ("infty", "∞"), ("nabla", "∇"), ("partial", "∂"), ("emptyset", "∅"), ("varnothing", "∅"),
            ("cdots", "⋯"), ("ldots", "…"), ("dots", "…"), ("vdots", "⋮"), ("top", "⊤"), ("bot", "⊥"),
            ("prime", "′"), ("hbar", "ℏ"), ("imath", "ı"), ("jmath", "ȷ"), ("Re", "ℜ"), ("Im", "ℑ"),
            ("aleph", "ℵ"), ("angle", "∠"),
        ]
        for (name, c) in identifiers { t[name] = (c, .identifier) }
        let symbols: [(String, String)] = [
            ("cdot", "⋅"), ("odot", "⊙"), ("oplus", "⊕"), ("otimes", "⊗"), ("ominus", "⊖"),
            ("times", "×"), ("div", "÷"), ("pm", "±"), ("mp", "∓"), ("ast", "*"), ("star", "⋆"),
            ("circ", "∘"), ("bullet", "∙"), ("cdotp", "⋅"),
            ("le", "≤"), ("leq", "≤"), ("ge", "≥"), ("geq", "≥"), ("ll", "≪"), ("gg", "≫"),
            ("neq", "≠"), ("ne", "≠"), ("approx", "≈"), ("sim", "∼"), ("simeq", "≃"), ("cong", "≅"),
            ("equiv", "≡"), ("propto", "∝"), ("doteq", "≐"),
            ("in", "∈"), ("notin", "∉"), ("ni", "∋"), ("subset", "⊂"), ("subseteq", "⊆"),
            ("supset", "⊃"), ("supseteq", "⊇"), ("cup", "∪"), ("cap", "∩"), ("setminus", "∖"),
            ("wedge", "∧"), ("land", "∧"), ("vee", "∨"), ("lor", "∨"), ("neg", "¬"), ("lnot", "¬"),
            ("forall", "∀"), ("exists", "∃"),
            ("leftarrow", "←"), ("gets", "←"), ("rightarrow", "→"), ("to", "→"),
            ("leftrightarrow", "↔"), ("Leftarrow", "⇐"), ("Rightarrow", "⇒"), ("Leftrightarrow", "⇔"),
            ("mapsto", "↦"), ("uparrow", "↑"), ("downarrow", "↓"), ("longleftarrow", "⟵"),
            ("longrightarrow", "⟶"), ("implies", "⟹"), ("iff", "⟺"),
            ("mid", "∣"), ("parallel", "∥"), ("perp", "⟂"), ("colon", ":"), ("ddots", "⋱"),
            ("ell", "ℓ"),
        ]
        for (name, c) in symbols { t[name] = (c, .symbol) }
        let opens: [(String, String)] = [
            ("{", "{"), ("lbrace", "{"), ("langle", "⟨"), ("lfloor", "⌊"), ("lceil", "⌈"),
            ("lVert", "∥"), ("lvert", "|"),
        ]
        for (name, c) in opens { t[name] = (c, .open) }
        let closes: [(String, String)] = [
            ("}", "}"), ("rbrace", "}"), ("rangle", "⟩"), ("rfloor", "⌋"), ("rceil", "⌉"),
            ("rVert", "∥"), ("rvert", "|"), ("|", "∥"),
        ]
        for (name, c) in closes { t[name] = (c, .close) }
        let bigOps: [(String, String)] = [
            ("sum", "∑"), ("prod", "∏"), ("coprod", "∐"), ("bigcup", "⋃"), ("bigcap", "⋂"),
            ("bigoplus", "⨁"), ("bigotimes", "⨂"), ("bigodot", "⨀"), ("bigvee", "⋁"), ("bigwedge", "⋀"),
        ]
        for (name, c) in bigOps { t[name] = (c, .bigOp) }
        for (name, c) in [("int", "∫"), ("iint", "∬"), ("iiint", "∭"), ("oint", "∮")] {
            t[name] = (c, .bigOpNoLimits)
        }
        return t
    }()

    /// Named functions written upright; the first set takes limits in display.
    static let limitFunctions: Set<String> = [
        "max", "min", "lim", "sup", "inf", "det", "Pr", "gcd", "liminf", "limsup", "argmax", "argmin",
    ]
    static let functions: Set<String> = [
        "log", "ln", "exp", "sin", "cos", "tan", "sinh", "cosh", "tanh", "arg", "dim", "ker", "deg",
        "lg", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "hom",
    ]

    /// Spacing commands and their widths (as texmath writes them).
    static let spaces: [String: String] = [
        ",": "0.167em", ":": "0.222em", ">": "0.222em", ";": "0.278em", "!": "-0.167em",
        " ": "0.222em", "quad": "1.0em", "qquad": "2.0em", "thinspace": "0.167em",
        "medspace": "0.222em", "thickspace": "0.278em", "enspace": "0.5em", "negthinspace": "-0.167em",
    ]

    /// Accent commands: the combining or spacing character texmath uses.
    static let accents: [String: String] = [
        "hat": "\u{302}", "widehat": "\u{302}", "tilde": "\u{303}", "widetilde": "\u{303}",
        "bar": "‾", "overline": "¯", "dot": "\u{307}", "ddot": "\u{308}", "vec": "\u{20D7}",
        "check": "\u{30C}", "breve": "\u{306}", "acute": "\u{301}", "grave": "\u{300}",
    ]

    /// `\big` and friends: the size texmath gives each.
    static let bigSizes: [String: String] = ["big": "1.2", "Big": "1.8", "bigg": "2.4", "Bigg": "3.0"]

    /// Font commands and the variant each sets.
    static let fonts: [String: String] = [
        "mathbf": "bold", "boldsymbol": "bold", "bm": "bold", "mathrm": "normal", "mathit": "italic",
        "mathbb": "double-struck", "mathcal": "script", "mathscr": "script", "mathsf": "sans-serif",
        "mathtt": "monospace", "mathfrak": "fraktur",
    ]
    static let textFonts: [String: String] = [
        "text": "normal", "textrm": "normal", "mbox": "normal", "textnormal": "normal", "textup": "normal",
        "textbf": "bold", "textit": "italic", "textsf": "sans-serif", "texttt": "monospace",
    ]
}
