/** The HTML report: one self-contained page of charts and tables, rendered purely from read-model reports. */
export { renderHtmlReport, type HtmlReportInput } from './html.js';
export { escapeHtml, percentBp, rupiah, rupiahShort } from './format.js';
