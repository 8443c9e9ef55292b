/** The report's inline stylesheet: system fonts only, readable on screen and on paper. */
export const REPORT_CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
header { border-bottom: 3px solid #0072B2; padding-bottom: 12px; margin-bottom: 18px; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 20px; margin: 34px 0 6px; padding-top: 6px; border-top: 1px solid #ddd; }
h3 { font-size: 16px; margin: 22px 0 6px; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 0; }
.meta div { display: flex; gap: 6px; }
.meta dt { color: #555; }
.meta dd { margin: 0; font-weight: 600; }
.note { margin: 12px 0 0; padding: 8px 12px; background: #f3f6fa; border-left: 4px solid #56B4E9; }
.note.synthetic { background: #fff4e0; border-left-color: #E69F00; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; padding: 0; margin: 10px 0 0; font-size: 13px; }
nav a { color: #0058a0; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; margin: 16px 0 0; }
.figure { border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; }
.figure .label { color: #555; font-size: 12px; }
.figure .value { font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
.figure .sub { color: #555; font-size: 12px; }
.lead { color: #333; margin: 4px 0 10px; max-width: 900px; }
figure { margin: 8px 0 0; }
figcaption { color: #444; font-size: 13px; margin-top: 4px; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 6px 0; }
.table-wrap { overflow-x: auto; margin: 10px 0 4px; }
table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: 4px 0 6px; }
th, td { padding: 4px 9px; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
thead th { background: #f2f4f7; border-bottom: 2px solid #bbb; text-align: left; white-space: nowrap; }
th[title] { text-decoration: underline dotted #999; cursor: help; }
.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
tr.subtotal td { font-weight: 600; background: #eef3f8; }
tr.total td { font-weight: 700; background: #e2eaf3; border-top: 2px solid #999; }
.key { font-weight: 600; white-space: nowrap; }
.source { color: #555; font-size: 12px; font-weight: 400; white-space: normal; }
.num .source { display: block; max-width: 16em; margin-left: auto; }
.na { color: #888; }
.neg { color: #b00020; font-weight: 700; }
.warn { color: #8a4b00; font-weight: 700; }
.empty { color: #666; font-style: italic; }
.progress { display: inline-block; width: 50px; height: 8px; background: #e4e4e4; border-radius: 2px; vertical-align: middle; overflow: hidden; }
.progress .bar { display: block; height: 100%; background: #009E73; }
.legend-note { color: #555; font-size: 12px; margin: 2px 0 0; }
details { margin: 8px 0; }
summary { cursor: pointer; color: #0058a0; }
footer { margin-top: 36px; color: #666; font-size: 12px; border-top: 1px solid #ddd; padding-top: 8px; }
@media print {
  main { max-width: none; padding: 0; }
  nav, summary { display: none; }
  h2 { break-before: auto; }
  figure, table { break-inside: avoid; }
}
`;
