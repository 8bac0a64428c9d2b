/// Styles for typeset math, cross-references, highlighted Swift, folded
/// listings and plot hover targets (appended to `reportCSS`).
///
/// Highlight colours meet WCAG AA (≥ 4.5:1) on the code background and on
/// the marked-line backgrounds, in light and dark mode (checked by
/// `PresentationStyleTests`); in print, keywords are bold and comments
/// italic, so a black-and-white printout still tells them apart.
///
/// MathML Core leaves out `columnalign` and `mathvariant` other than on
/// `<mi>`; the rules below give the `aligned`/`cases` columns and
/// `\mathrm` letters their intended look from the attributes texmath's
/// shape carries.
let presentationCSS = """
:root {
  --hl-kw: #9b1c6c; --hl-ty: #0b5e7a; --hl-str: #2a6e1f; --hl-num: #8a4b00; --hl-cm: #5d6169; --hl-attr: #6b3fa0;
}
@media (prefers-color-scheme: dark) {
  :root { --hl-kw: #ff9ad5; --hl-ty: #7fd3f0; --hl-str: #a5e08f; --hl-num: #f5b971; --hl-cm: #a0a4ad; --hl-attr: #d0a8ff; }
}
math { font-size: 1.08em; }
.display-math { display: flex; align-items: center; margin: 0.7em 0; overflow-x: auto; overflow-y: hidden; }
.display-math > math { flex: 1 1 auto; }
.eq-number { flex: none; padding-left: 1em; }
mtd[columnalign="left"] { text-align: left; }
mtd[columnalign="right"] { text-align: right; }
mtd[columnalign="center"] { text-align: center; }
mstyle[mathvariant="normal"] > mi { text-transform: none; }
a.xref { white-space: nowrap; }
.xref.unresolved { color: var(--bad); }
.hl-kw { color: var(--hl-kw); }
.hl-ty { color: var(--hl-ty); }
.hl-str { color: var(--hl-str); }
.hl-num { color: var(--hl-num); }
.hl-cm { color: var(--hl-cm); font-style: italic; }
.hl-attr { color: var(--hl-attr); }
details.fold > summary { cursor: pointer; color: var(--muted); font-size: 0.9em; }
details.fold[open] > summary { margin-bottom: 0.3em; }
.highlight-note { color: var(--muted); font-size: 0.85em; }
svg .hover circle { fill: transparent; stroke: none; pointer-events: all; }
svg .hover circle:hover { fill: currentColor; fill-opacity: 0.35; }
@media print {
  :root { --hl-kw: #000000; --hl-ty: #1d1e22; --hl-str: #2a2a2a; --hl-num: #2a2a2a; --hl-cm: #444444; --hl-attr: #000000; }
  .hl-kw, .hl-attr { font-weight: 700; }
  details.fold > summary { display: none; }
  /* A folded listing prints open (browsers with ::details-content: Chromium 131+, Safari 18.4+). */
  details.fold::details-content { content-visibility: visible; display: contents; }
  svg .hover { display: none; }
}
"""
