import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../contract/errors.ts';
import { tempDir } from '../test-utils/temp-dir.ts';
import { footerTemplate, headerTemplate } from './pdf.ts';
import { createChromiumPdfRenderer } from './pdf-chromium.ts';
import { finalizePdf } from './pdf-metadata.ts';

/** Text and document information of a PDF, read by poppler (an independent reader, not pdf-lib). */
function pdfText(bytes: Uint8Array): string {
  const file = path.join(tempDir(), 'x.pdf');
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function pdfInfo(bytes: Uint8Array): Record<string, string> {
  const file = path.join(tempDir(), 'x.pdf');
  fs.writeFileSync(file, bytes);
  const text = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

const OPTS = { pageSize: 'A4', title: 'Nutrition report', author: 'Dr Test', footerLabel: 'Test Client' } as const;

// One browser for the whole file, shared by its tests, which run one after another (Vitest runs a
// file's tests serially unless marked concurrent); a launch is the slow part.
describe('Chromium PDF renderer', () => {
  const renderer = createChromiumPdfRenderer();
  const hits: string[] = [];
  let server: http.Server;
  let origin = '';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await renderer.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('prints the text, the page count and the document information', async () => {
    const html =
      '<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body>' +
      '<h1>Mean energy 1847 kcal</h1><p style="break-after: page">First page</p><p>Second page</p>' +
      '<p style="break-before: page">Third page — ação</p></body></html>';
    const bytes = await renderer.render(html, { ...OPTS, subject: 'Report for 2026-03-01 to 2026-03-31' });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = pdfText(bytes);
    expect(text).toContain('Mean energy 1847 kcal');
    expect(text).toContain('Third page — ação');
    // The header and footer templates are on every page.
    expect(text).toContain('Test Client');
    expect(text).toContain('Page 1 of 3');
    expect(text).toContain('Page 3 of 3');
    const info = pdfInfo(bytes);
    expect(info['Title']).toBe('Nutrition report');
    expect(info['Author']).toBe('Dr Test');
    expect(info['Subject']).toBe('Report for 2026-03-01 to 2026-03-31');
    expect(info['Creator']).toBe('BioAI Nutrition');
    expect(info['Pages']).toBe('3');
    expect(info['Page size']).toContain('A4');
  });

  it('prints Letter when asked', async () => {
    const bytes = await renderer.render('<p>Letter</p>', { ...OPTS, pageSize: 'Letter' });
    expect(pdfInfo(bytes)['Page size']).toContain('letter');
  });

  it('never touches the network, whatever the HTML asks for', async () => {
    const html =
      `<!doctype html><html><head><link rel="stylesheet" href="${origin}/style.css">` +
      `<style>@import url("${origin}/import.css"); @font-face { font-family: X; src: url("${origin}/font.woff2"); }` +
      ` body { font-family: X; background: url("${origin}/bg.png"); }</style>` +
      `<link rel="prefetch" href="${origin}/prefetch"><script src="${origin}/script.js"></script></head>` +
      `<body><img src="${origin}/pixel.png" alt="remote"><iframe src="${origin}/frame"></iframe>` +
      `<video poster="${origin}/poster.png"></video><p>Offline 42</p></body></html>`;
    const bytes = await renderer.render(html, OPTS);
    expect(pdfText(bytes)).toContain('Offline 42');
    // The server is live (a direct request reaches it), and the report made none.
    expect(hits).toEqual([]);
    await fetch(`${origin}/control`);
    expect(hits).toEqual(['/control']);
  });

  it('escapes the title and footer label in the templates', () => {
    expect(headerTemplate('<img src=x onerror=alert(1)>')).not.toContain('<img');
    expect(footerTemplate('A & B')).toContain('A &amp; B');
    expect(footerTemplate('x')).toContain('<span class=totalPages></span>');
  });

  it('says plainly when Chromium is missing', async () => {
    const missing = createChromiumPdfRenderer({ executablePath: '/nonexistent/chromium' });
    // Preparing ahead never fails by itself: the job that needs the browser says what is wrong.
    await expect(missing.prepare()).resolves.toBeUndefined();
    const err = await missing.render('<p>x</p>', OPTS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('unsupported');
    expect((err as AppError).message).toBe(
      'Cannot print the report: Chromium was not found at /nonexistent/chromium. ' +
        'Install it (apt-get install chromium-headless-shell) or set BIOAI_PDF_CHROMIUM.',
    );
  });

  it('starts ahead when asked, closes the browser after an idle while and starts it again for the next job', async () => {
    const idle = createChromiumPdfRenderer({ idleMs: 200 });
    try {
      expect(idle.running()).toBe(false);
      await idle.prepare();
      expect(idle.running()).toBe(true);
      expect(pdfText(await idle.render('<p>first job</p>', OPTS))).toContain('first job');
      await vi.waitFor(() => expect(idle.running()).toBe(false), { timeout: 30_000, interval: 50 });
      expect(pdfText(await idle.render('<p>second job</p>', OPTS))).toContain('second job');
      expect(idle.running()).toBe(true);
    } finally {
      await idle.close();
    }
    expect(idle.running()).toBe(false);
  });

  it('appends the document information to the printed PDF instead of rewriting it', async () => {
    const html = '<!doctype html><title>Relatório</title><p style="break-after: page">one</p><p>two</p>';
    const bytes = await renderer.render(html, {
      ...OPTS,
      title: 'Relatório — Ana Ção',
      author: 'Dra. Inês Conceição, RD',
      subject: 'Report (2026) ✓',
    });
    const text = Buffer.from(bytes).toString('latin1');
    // Chromium's own bytes come first, untouched, then one update section pointing back at them.
    expect(text.match(/startxref/g)).toHaveLength(2);
    const prev = /\/Prev (\d+)/.exec(text);
    expect(prev).not.toBeNull();
    expect(text.slice(Number(prev?.[1]), Number(prev?.[1]) + 4)).toBe('xref');
    const info = pdfInfo(bytes);
    expect(info['Title']).toBe('Relatório — Ana Ção');
    expect(info['Author']).toBe('Dra. Inês Conceição, RD');
    expect(info['Subject']).toBe('Report (2026) ✓');
    expect(info['Creator']).toBe('BioAI Nutrition');
    expect(info['Pages']).toBe('2');
    expect(pdfText(bytes)).toContain('two');
  });

  it('finalizePdf rewrites metadata and counts pages of a PDF it cannot append to', async () => {
    // Already carries an update section (a /Prev chain), which the cheap path leaves to pdf-lib.
    const bytes = await renderer.render('<p>one</p>', OPTS);
    expect(Buffer.from(bytes).toString('latin1')).toContain('/Prev');
    const done = await finalizePdf(bytes, {
      title: 'Other',
      author: 'Someone',
      subject: 'S',
      creator: 'BioAI Nutrition',
      now: new Date('2026-03-15T10:00:00Z'),
    });
    expect(done.pages).toBe(1);
    const info = pdfInfo(done.bytes);
    expect(info['Title']).toBe('Other');
    expect(info['Producer']).toBe('BioAI Nutrition (pdf-lib)');
    expect(info['CreationDate']).toContain('2026');
  });
});
