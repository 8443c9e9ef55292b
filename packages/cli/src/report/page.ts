import { escapeHtml } from './format.js';
import { REPORT_CSS } from './style.js';

/** What every jamsos HTML page is made of: a title, extra CSS after the shared style, and the body inside <main>. */
export interface HtmlPage {
  readonly title: string;
  /** The generator named in the page's metadata, e.g. "jamsos what-if". */
  readonly generator?: string;
  readonly extraCss?: string;
  readonly main: string;
}

/** A self-contained HTML page: inline CSS, no scripts, no external resources (the Content-Security-Policy forbids them). */
export const htmlPage = (page: HtmlPage): string => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="${escapeHtml(page.generator ?? 'jamsos')}">
<title>${escapeHtml(page.title)}</title>
<style>${REPORT_CSS}${page.extraCss ?? ''}</style>
</head>
<body>
<main>
${page.main}
</main>
</body>
</html>
`;
