import { createElement as h, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PageSize } from './pdf.ts';

/**
 * The printed documents' frame (client reports, meal-plan handouts): one self-contained HTML page with
 * the practice's branding at the top, inline CSS and a policy that forbids every fetch but data:
 * images, so even a stray URL in a note could not load anything. core/ runs under Node type stripping,
 * which has no JSX, hence createElement; React escapes all text.
 */

export interface Practitioner {
  name: string;
  credentials: string;
  contact: string;
  /** PNG or JPEG data URL, or null. */
  logo: string | null;
}

const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

function css(pageSize: PageSize, extra: string): string {
  return `
@page { size: ${pageSize}; margin: 18mm 16mm 20mm 16mm; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; font-size: 10.5pt; color: #111; }
body { margin: 0; line-height: 1.35; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 6pt; border-bottom: 1px solid #999; padding-bottom: 2pt; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 8pt 0 4pt; break-after: avoid; page-break-after: avoid; }
header.practitioner { display: flex; gap: 12pt; align-items: center; border-bottom: 2px solid #333; padding-bottom: 6pt; margin-bottom: 8pt; }
header.practitioner img { max-height: 18mm; max-width: 40mm; }
.contact { white-space: pre-line; color: #333; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
thead { display: table-header-group; }
tr, figure, .chart, .photo, .rec { break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 1px solid #ccc; padding: 3pt 4pt; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status-low { color: #92400e; } .status-high { color: #991b1b; } .status-ok { color: #166534; }
.flags { border: 1px solid #b45309; padding: 4pt 8pt; margin: 6pt 0; }
figure { margin: 4pt 0 10pt; } figcaption { font-size: 9.5pt; color: #333; }
.photos { display: flex; flex-wrap: wrap; gap: 8pt; }
.photo { width: 38mm; font-size: 9pt; } .photo img { width: 100%; height: auto; }
.notes { white-space: pre-wrap; }
.muted { color: #444; }
@media screen { body { max-width: 190mm; margin: 12mm auto; } }
${extra}`;
}

function practitionerHeader(p: Practitioner): ReactElement {
  return h(
    'header',
    { className: 'practitioner' },
    p.logo ? h('img', { src: p.logo, alt: 'Practice logo' }) : null,
    h(
      'div',
      null,
      h('strong', null, [p.name, p.credentials].filter(Boolean).join(', ') || 'Practitioner'),
      p.contact ? h('div', { className: 'contact' }, p.contact) : null,
    ),
  );
}

export function printDocument(options: {
  title: string;
  practitioner: Practitioner;
  pageSize: PageSize;
  body: ReactNode[];
  /** Styles of this kind of document, after the shared ones. */
  css?: string;
}): string {
  const p = options.practitioner;
  const author = [p.name, p.credentials].filter(Boolean).join(', ');
  const doc = h(
    'html',
    { lang: 'en' },
    h(
      'head',
      null,
      h('meta', { charSet: 'utf-8' }),
      h('meta', { httpEquiv: 'Content-Security-Policy', content: CSP }),
      h('meta', { name: 'author', content: author || 'BioAI Nutrition' }),
      h('meta', { name: 'generator', content: 'BioAI Nutrition' }),
      h('title', null, options.title),
      h('style', { dangerouslySetInnerHTML: { __html: css(options.pageSize, options.css ?? '') } }),
    ),
    h('body', null, practitionerHeader(p), ...options.body),
  );
  return `<!DOCTYPE html>${renderToStaticMarkup(doc)}`;
}
