/// The stylesheet inlined in every page. Colours are variables so light,
/// dark and print only swap values; plots use `currentColor` and the series
/// variables `--c1`…`--c8` (Okabe–Ito hues plus a grey and a violet,
/// lightened for dark backgrounds), so the study's eight optimizers each get
/// a colour of their own.
/// No fonts, images or imports: the page fetches nothing.
///
/// Nothing may widen the page itself: long words and unbroken measured
/// details wrap, code blocks scroll inside themselves, and tables scroll
/// inside `.table-scroll`, whose edges are shaded while there is more to
/// scroll to (gradients attached to the content cover gradients attached to
/// the box, so a shade shows only where content is hidden), because phones
/// show no scrollbar until one scrolls.
let reportCSS = """

:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d1e22; --muted: #5d6169; --border: #d5d8dd; --code-bg: #f4f5f7;
  --link: #0b57d0; --ok: #1a7f37; --bad: #b3261e; --bad-bg: #fdeceb; --warn: #7a5200; --warn-bg: #fff3d1;
  --c1: #0072b2; --c2: #d55e00; --c3: #008a63; --c4: #b5509a; --c5: #9a6a00; --c6: #3a8fc7; --c7: #5f6368; --c8: #7b4fd6;
  --shade: rgba(0, 0, 0, 0.22);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16171b; --fg: #e4e5e8; --muted: #a0a4ad; --border: #3a3d45; --code-bg: #202228;
    --link: #8ab4f8; --ok: #6fd08c; --bad: #ff8a80; --bad-bg: #3a1f1e; --warn: #ffd36b; --warn-bg: #3a3018;
    --c1: #56b4e9; --c2: #ff8c42; --c3: #3ddc97; --c4: #e7a1c8; --c5: #f0c040; --c6: #a8d8ff; --c7: #c4c7cc; --c8: #b9a0ff;
    --shade: rgba(255, 255, 255, 0.2);
  }
}
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 72ch; padding: 1.5rem 1.1rem 3rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1.0625rem; line-height: 1.6;
  overflow-wrap: break-word;
}
h1, h2, h3, h4 { line-height: 1.25; margin: 1.8em 0 0.5em; }
h1 { font-size: 1.9rem; margin-top: 0.4em; }
a { color: var(--link); }
a.anchor { margin-left: 0.3em; color: var(--muted); text-decoration: none; opacity: 0; font-weight: normal; }
h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor, h4:hover a.anchor, h5:hover a.anchor,
h6:hover a.anchor, a.anchor:focus { opacity: 1; }
img { max-width: 100%; height: auto; }
hr { border: 0; border-top: 1px solid var(--border); margin: 2rem 0; }
blockquote { margin: 1em 0; padding: 0 1em; border-left: 3px solid var(--border); color: var(--muted); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
:not(pre) > code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 3px; }
pre { background: var(--code-bg); padding: 0.75em 1em; overflow-x: auto; border-radius: 4px; line-height: 1.45; }
pre.stdout, pre.stderr { background: transparent; border: 1px solid var(--border); }
pre.stdout::before, pre.stderr::before { display: block; font-size: 0.75em; color: var(--muted); }
pre.stdout::before { content: "stdout"; }
pre.stderr::before { content: "stderr"; color: var(--warn); }
.crumbs { font-size: 0.9em; }
nav.pager { display: flex; gap: 1em; margin-top: 3rem; padding-top: 0.8em; border-top: 1px solid var(--border); }
nav.pager a { display: flex; flex-direction: column; text-decoration: none; }
nav.pager a.next { margin-left: auto; text-align: right; }
nav.pager .pager-label { font-size: 0.8em; color: var(--muted); }
.page-header .summary { font-weight: 600; }
.page-header .source { color: var(--muted); font-size: 0.9em; }
.status-ok { color: var(--ok); }
.status-failed { color: var(--bad); }
.status-not-run { color: var(--muted); }
nav.toc { border: 1px solid var(--border); border-radius: 4px; padding: 0.3em 1.2em 0.6em; margin: 1.5em 0; }
nav.toc h2 { font-size: 1rem; margin: 0.6em 0 0.2em; }
nav.toc ol { margin: 0; padding-left: 1.3em; }
.cell { margin: 1.5em 0; padding-left: 0.8em; border-left: 3px solid var(--border); }
.cell-error, .cell-expectation-failed { border-left-color: var(--bad); }
.cell-not-run pre { color: var(--muted); }
.cell-label { font-size: 0.8em; color: var(--muted); }
.cell-label a { color: inherit; }
.mark { font-weight: 600; border: 1px solid currentColor; border-radius: 3px; padding: 0 0.35em; }
.cell-error .mark, .cell-expectation-failed .mark { color: var(--bad); }
.error-box { background: var(--bad-bg); color: var(--fg); border: 1px solid var(--bad); border-radius: 4px; padding: 0.5em 0.9em; margin: 0.8em 0; }
.error-box > strong { color: var(--bad); }
.error-box pre { background: transparent; padding: 0.3em 0; margin: 0.3em 0 0; white-space: pre-wrap; }
.warning { background: var(--warn-bg); color: var(--fg); border-left: 3px solid var(--warn); padding: 0.3em 0.7em; margin: 0.4em 0; font-size: 0.9em; }
.badge { color: var(--warn); font-weight: 700; }
.compiler-warnings pre { background: transparent; padding: 0.2em 0; margin: 0.2em 0 0; }
.unsafe-link { text-decoration: underline dotted; }
ul.expectations { list-style: none; padding-left: 0; }
ul.expectations li { margin: 0.25em 0; }
.expectations .verdict { font-weight: 700; }
.expectations .pass .verdict { color: var(--ok); }
.expectations .fail .verdict, .expectations .fail .claim { color: var(--bad); }
.expectations .detail { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; overflow-wrap: anywhere; }
.expectations .where { color: var(--muted); font-size: 0.85em; }
figure { margin: 1.2em 0; }
figcaption { font-size: 0.9em; color: var(--muted); margin-top: 0.3em; }
figure.comparison > figcaption { color: var(--fg); margin-bottom: 0.5em; }
mark.code-error { background: var(--bad-bg); color: inherit; box-shadow: inset 3px 0 0 var(--bad); }
mark.code-warning { background: var(--warn-bg); color: inherit; box-shadow: inset 3px 0 0 var(--warn); }
svg.plot { display: block; width: 100%; height: auto; color: var(--fg); }
svg.plot .s1 { stroke: var(--c1); } svg.plot .s2 { stroke: var(--c2); } svg.plot .s3 { stroke: var(--c3); }
svg.plot .s4 { stroke: var(--c4); } svg.plot .s5 { stroke: var(--c5); } svg.plot .s6 { stroke: var(--c6); }
svg.plot .s7 { stroke: var(--c7); } svg.plot .s8 { stroke: var(--c8); }
svg.plot .f1 { fill: var(--c1); } svg.plot .f2 { fill: var(--c2); } svg.plot .f3 { fill: var(--c3); }
svg.plot .f4 { fill: var(--c4); } svg.plot .f5 { fill: var(--c5); } svg.plot .f6 { fill: var(--c6); }
svg.plot .f7 { fill: var(--c7); } svg.plot .f8 { fill: var(--c8); }
svg.plot circle.start { fill: var(--bg); }
svg.spark { width: 8em; height: 2em; vertical-align: middle; color: var(--c1); }
.table-scroll {
  overflow-x: auto;
  background:
    linear-gradient(to right, var(--bg) 40%, transparent) left / 2.5em 100% no-repeat local,
    linear-gradient(to left, var(--bg) 40%, transparent) right / 2.5em 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, var(--shade), transparent) left / 0.8em 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, var(--shade), transparent) right / 0.8em 100% no-repeat scroll;
}
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3em; }
th, td { padding: 0.25em 0.7em; border-bottom: 1px solid var(--border); vertical-align: top; }
thead th { border-bottom-width: 2px; white-space: nowrap; }
thead th.long { white-space: normal; min-width: 7em; }
td.text { white-space: nowrap; }
td.text.long { white-space: normal; min-width: 10em; }
tbody th { min-width: 8em; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.text { text-align: left; }
.timing { color: var(--muted); font-style: italic; }
table.prose th { text-align: left; }
table.prose thead th { white-space: normal; }
table.prose .align-left { text-align: left; }
table.prose .align-center { text-align: center; }
table.prose .align-right { text-align: right; font-variant-numeric: tabular-nums; }
.nonfinite { color: var(--bad); font-weight: 700; }
.footnote { font-size: 0.8em; color: var(--muted); margin: 0.2em 0; }
table.agreement tr.failed td { background: var(--bad-bg); }
table.agreement td.status { font-weight: 600; }
table.agreement td.over { color: var(--bad); font-weight: 700; }
table.agreement tr.note td { color: var(--muted); font-size: 0.9em; padding-top: 0; border-top: none; }
ul.reports { list-style: none; padding: 0; }
ul.reports li { display: flex; gap: 1em; align-items: center; padding: 0.6em 0; border-bottom: 1px solid var(--border); }
ul.reports .entry { flex: 1; }
ul.reports .entry p { margin: 0.1em 0 0; color: var(--muted); font-size: 0.9em; }
/* Heatmaps drawn one after another sit side by side when the window has room
   for two at the text column's width; the row then widens past the column,
   centred on it. Narrower windows and print stack them. */
@media screen and (min-width: 84rem) {
  .figure-row { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; align-items: start;
                width: min(calc(100vw - 4rem), 150ch); position: relative; left: 50%; transform: translateX(-50%); }
}
@media (max-width: 32rem) {
  body { padding: 1rem 0.7rem 2rem; }
  .cell { padding-left: 0.5em; }
  pre { padding: 0.6em 0.7em; }
  th, td { padding: 0.25em 0.5em; }
  /* A plot's text scales with its width: below ~30rem it would shrink past
     reading, so the plot keeps 30rem and its figure scrolls sideways. */
  figure.plot-figure { overflow-x: auto; }
  figure.plot-figure > svg.plot { min-width: 30rem; }
}
footer.generation { margin-top: 3rem; padding-top: 0.8em; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.8em; }
@media print {
  :root {
    --bg: #ffffff; --fg: #000000; --muted: #444444; --border: #bbbbbb; --code-bg: #f4f4f4;
    --link: #000000; --ok: #1a7f37; --bad: #b3261e; --bad-bg: #ffffff; --warn: #7a5200; --warn-bg: #ffffff;
    --c1: #0072b2; --c2: #d55e00; --c3: #008a63; --c4: #b5509a; --c5: #9a6a00; --c6: #3a8fc7; --c7: #5f6368; --c8: #7b4fd6;
  }
  body { max-width: none; font-size: 10.5pt; padding: 0; }
  a.anchor, .crumbs, nav.pager { display: none; }
  pre { white-space: pre-wrap; border: 1px solid var(--border); }
  .table-scroll { overflow-x: visible; background: none; }
  /* Backgrounds and shadows are not printed: underline the marked line. */
  mark.code-error, mark.code-warning { text-decoration: underline wavy; text-decoration-color: var(--bad); }
  mark.code-warning { text-decoration-color: var(--warn); }
  figure, table, pre, .error-box, .warning, ul.expectations { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
}

"""
