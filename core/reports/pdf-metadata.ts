import { PDF_CREATOR, type PdfRenderOptions } from './pdf.ts';

/**
 * The PDF's document information (title, author, subject, creator, dates) written after printing,
 * and its page count: Chromium's printer sets neither the way a report needs.
 */

/** Page counts of the PDFs finalizePdf wrote in this process, so they need not be parsed again. */
const pageCounts = new WeakMap<Uint8Array, number>();

/** The page count finalizePdf found for these exact bytes, if it wrote them. */
export function knownPageCount(bytes: Uint8Array): number | undefined {
  return pageCounts.get(bytes);
}

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  creator: string;
  /** The creation date written into the PDF; defaults to now. */
  now?: Date;
}

/** A report printed by either printer, with its document information: title, author, subject and creator. */
export async function finalizeReportPdf(raw: Uint8Array, opts: PdfRenderOptions, now: number): Promise<Uint8Array> {
  const meta = { title: opts.title, author: opts.author, subject: opts.subject ?? opts.title, creator: PDF_CREATOR };
  return (await finalizePdf(raw, { ...meta, now: new Date(now) })).bytes;
}

/**
 * Writes the document information (Chromium sets Title from the page's <title> but leaves Author and
 * Subject unset and names itself the Creator) and counts pages. Chromium's PDFs end in one classic
 * cross-reference table, so the information is written as an incremental update: a new Info object,
 * a one-entry table and a trailer appended after the printed bytes, which are left as they are. Loading
 * and saving the whole document (pdf-lib) is kept for any PDF not of that shape.
 */
export async function finalizePdf(bytes: Uint8Array, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  const when = meta.now ?? new Date();
  const appended = appendInfo(bytes, meta, when);
  if (appended) {
    pageCounts.set(appended.bytes, appended.pages);
    return appended;
  }
  // pdf-lib is loaded only for a PDF the incremental update does not handle.
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setCreator(meta.creator);
  doc.setProducer(`${PDF_CREATOR} (pdf-lib)`);
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  const out = await doc.save();
  const pages = doc.getPageCount();
  pageCounts.set(out, pages);
  return { bytes: out, pages };
}

/** A PDF text string as UTF-16BE with its byte-order mark, in hex: any character, nothing to escape. */
function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex.toUpperCase()}>`;
}

function pdfDate(d: Date): string {
  const iso = d.toISOString();
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}

/** Latin-1 view of PDF bytes (one character per byte, so string offsets are byte offsets). */
function latin1(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, Math.min(to, bytes.length) - from)).toString(
    'latin1',
  );
}

/**
 * The incremental update for a PDF whose last section is a classic cross-reference table with no
 * earlier section and no encryption (what Chromium writes), with its page count read from the page
 * tree's root; null for any other PDF.
 */
function appendInfo(bytes: Uint8Array, meta: PdfMetadata, when: Date): { bytes: Uint8Array; pages: number } | null {
  const tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!sx) return null;
  const xrefAt = Number(sx[1]);
  if (!(xrefAt > 0 && xrefAt < bytes.length)) return null;
  const section = latin1(bytes, xrefAt, bytes.length);
  if (!section.startsWith('xref')) return null;
  const trailerAt = section.indexOf('trailer');
  if (trailerAt < 0) return null;
  const trailer = section.slice(trailerAt, section.indexOf('startxref', trailerAt));
  if (/\/(Prev|Encrypt|XRefStm)\b/.test(trailer)) return null;
  const size = /\/Size\s+(\d+)/.exec(trailer);
  const root = /\/Root\s+(\d+)\s+(\d+)\s+R/.exec(trailer);
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer);
  if (!size || !root) return null;

  // Object offsets from the table's subsections ("first count" then 20-byte entries).
  const offsets = new Map<number, number>();
  const table = section.slice(4, trailerAt);
  const sub = /(\d+)\s+(\d+)\s*\r?\n/y;
  let at = table.search(/\S/);
  while (at >= 0 && at < table.length) {
    sub.lastIndex = at;
    const m = sub.exec(table);
    if (!m) return null;
    const first = Number(m[1]);
    const count = Number(m[2]);
    at = sub.lastIndex;
    for (let i = 0; i < count; i++) {
      const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(table.slice(at, at + 20));
      if (!entry) return null;
      if (entry[3] === 'n') offsets.set(first + i, Number(entry[1]));
      at += 20;
    }
    while (at < table.length && /\s/.test(table.charAt(at))) at++;
  }
  const object = (num: number): string | null => {
    const offset = offsets.get(num);
    if (offset === undefined) return null;
    const text = latin1(bytes, offset, offset + 4096);
    const head = new RegExp(`^${num}\\s+\\d+\\s+obj\\b`).exec(text);
    if (!head) return null;
    const endAt = text.indexOf('endobj');
    return endAt < 0 ? null : text.slice(head[0].length, endAt);
  };
  const catalog = object(Number(root[1]));
  const pagesRef = catalog && /\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalog);
  const pagesObj = pagesRef ? object(Number(pagesRef[1])) : null;
  const count = pagesObj && /\/Type\s*\/Pages\b/.test(pagesObj) ? /\/Count\s+(\d+)/.exec(pagesObj) : null;
  if (!count) return null;

  const infoNum = Number(size[1]);
  const date = pdfDate(when);
  const lead = bytes[bytes.length - 1] === 0x0a ? '' : '\n';
  const info =
    `${lead}${infoNum} 0 obj\n<</Title ${pdfTextString(meta.title)}\n/Author ${pdfTextString(meta.author)}` +
    `\n/Subject ${pdfTextString(meta.subject)}\n/Creator ${pdfTextString(meta.creator)}` +
    `\n/Producer ${pdfTextString(`${PDF_CREATOR} (Chromium)`)}\n/CreationDate ${date}\n/ModDate ${date}>>\nendobj\n`;
  const infoAt = bytes.length + lead.length;
  const newXrefAt = bytes.length + info.length;
  const update =
    info +
    `xref\n0 1\n0000000000 65535 f \n${infoNum} 1\n${String(infoAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${infoNum + 1}\n/Root ${root[1]} ${root[2]} R\n/Info ${infoNum} 0 R` +
    `${id ? `\n/ID ${id[1]}` : ''}\n/Prev ${xrefAt}>>\nstartxref\n${newXrefAt}\n%%EOF\n`;
  const out = new Uint8Array(bytes.length + update.length);
  out.set(bytes, 0);
  out.set(Buffer.from(update, 'latin1'), bytes.length);
  return { bytes: out, pages: Number(count[1]) };
}
