import {
  PDFArray,
  PDFCheckBox,
  PDFDocument,
  PDFDropdown,
  PDFHexString,
  PDFName,
  PDFString,
  PDFTextField,
  PageSizes,
  StandardFonts,
  rgb,
  type PDFField,
  type PDFFont,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import { AppError } from '../contract/errors.ts';
import { INTAKE_FIELDS, INTAKE_SECTIONS, TOKEN_FIELD, type FieldKind } from './intake-spec.ts';

/**
 * The intake questionnaire as a PDF with AcroForm fields (written with pdf-lib), and the reading of a
 * returned one: any PDF reader or tool may have filled it, so values are read from the fields' own
 * dictionaries (/V, else the widgets' /AS for a check box), whatever form of string or name they hold.
 */

export interface Branding {
  practitionerName: string;
  practitionerCredentials: string;
  practitionerContact: string;
  /** A PNG or JPEG data URL, or ''. */
  practiceLogo: string;
}

export interface FormToWrite {
  branding: Branding;
  /** Printed as "Issued on"; the date the form was made. */
  issuedOn: string;
  /** The signed identity (hidden, read-only field). */
  token: string;
  /** Values filled in before the form is sent (the client's name). */
  prefill: Record<string, string>;
}

const MARGIN = 50;
const WIDTH = PageSizes.A4[0] - 2 * MARGIN;

/**
 * Text the standard Helvetica font can draw (WinAnsi): other characters become '?'. The form's own
 * words are English; this covers a practice name or contact line typed with other letters.
 */
function drawable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}

/** Splits text into lines that fit `width` at `size`. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

export async function writeIntakeForm(input: FormToWrite): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Intake questionnaire');
  doc.setCreator('BioAI Nutrition');
  doc.setProducer('BioAI Nutrition (pdf-lib)');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const form = doc.getForm();
  let page: PDFPage = doc.addPage(PageSizes.A4);
  let y = PageSizes.A4[1] - MARGIN;

  const text = (s: string, size: number, f: PDFFont = font, x = MARGIN): void => {
    for (const line of wrap(f, drawable(f, s), size, WIDTH - (x - MARGIN))) {
      page.drawText(line, { x, y: y - size, size, font: f, color: rgb(0.1, 0.1, 0.1) });
      y -= size + 3;
    }
  };
  const room = (h: number): void => {
    if (y - h < MARGIN) {
      page = doc.addPage(PageSizes.A4);
      y = PageSizes.A4[1] - MARGIN;
    }
  };

  // Branding, as on the reports: the logo, the practitioner's name, credentials and contact lines.
  const { branding } = input;
  const logo = await embedLogo(doc, branding.practiceLogo);
  if (logo) {
    const scale = Math.min(1, 48 / logo.height, 160 / logo.width);
    page.drawImage(logo, {
      x: MARGIN + WIDTH - logo.width * scale,
      y: y - logo.height * scale,
      width: logo.width * scale,
      height: logo.height * scale,
    });
  }
  if (branding.practitionerName) text(branding.practitionerName, 15, bold);
  if (branding.practitionerCredentials) text(branding.practitionerCredentials, 10);
  if (branding.practitionerContact) text(branding.practitionerContact, 9);
  y -= 10;
  text('Intake questionnaire', 18, bold);
  text(
    `Issued on ${input.issuedOn}. Please fill in what you can (any PDF reader can), save the file and send it back. ` +
      'Leave a question empty if you prefer not to answer.',
    9,
  );
  y -= 6;

  for (const section of INTAKE_SECTIONS) {
    room(40);
    y -= 8;
    text(section.title, 12, bold);
    y -= 2;
    for (const f of section.fields) {
      if (f.kind === 'check') {
        const lines = wrap(font, f.label, 9, WIDTH - 20);
        room(lines.length * 12 + 4);
        const box = form.createCheckBox(f.name);
        box.addToPage(page, { x: MARGIN, y: y - 11, width: 11, height: 11, borderWidth: 1 });
        text(f.label, 9, font, MARGIN + 18);
        y -= 3;
        continue;
      }
      const height = f.kind === 'multiline' ? 44 : 18;
      room(height + 30);
      text(f.label, 9);
      if (f.kind === 'choice') {
        const dd = form.createDropdown(f.name);
        dd.addOptions((f.options ?? []).map(([, label]) => label));
        dd.addToPage(page, { x: MARGIN, y: y - height, width: 300, height, font, borderWidth: 1 });
        // The printed option is what the reader shows; the stored value is read back by its label.
        dd.select((f.options ?? [])[0]?.[1] ?? '');
      } else {
        const field = form.createTextField(f.name);
        if (f.kind === 'multiline') field.enableMultiline();
        const value = input.prefill[f.name];
        if (value) field.setText(drawable(font, value));
        field.addToPage(page, { x: MARGIN, y: y - height, width: WIDTH, height, font, borderWidth: 1 });
      }
      y -= height + 2;
      if (f.hint) text(f.hint, 7);
      y -= 6;
    }
  }

  // The identity: a hidden, read-only text field (read by the import, not shown or printed).
  const token = form.createTextField(TOKEN_FIELD);
  token.setText(input.token);
  token.enableReadOnly();
  token.addToPage(doc.getPage(0), { x: 0, y: 0, width: 0, height: 0, hidden: true, borderWidth: 0 });

  form.updateFieldAppearances(font);
  return doc.save();
}

async function embedLogo(
  doc: PDFDocument,
  dataUrl: string,
): Promise<Awaited<ReturnType<PDFDocument['embedPng']>> | null> {
  const m = /^data:image\/(png|jpeg);base64,(.+)$/.exec(dataUrl);
  if (!m) return null;
  const bytes = Buffer.from(m[2] ?? '', 'base64');
  try {
    return m[1] === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  } catch {
    // A logo that does not decode is left out of the form rather than stopping it.
    return null;
  }
}

/** The fields of a returned form, by name: text as typed, a choice's option label, 'true'/'false' for a check box. */
export interface ReadForm {
  token: string | null;
  values: Record<string, string>;
  /** Names of the fields the PDF has, with their kind as found (for the tamper check). */
  kinds: Record<string, FieldKind | 'other'>;
}

const MAX_PDF_BYTES = 20 * 1024 * 1024;

function decode(obj: PDFObject | undefined): string | null {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  if (obj instanceof PDFName) return obj.decodeText();
  if (obj instanceof PDFArray) {
    const parts = obj.asArray().map((o) => decode(o) ?? '');
    return parts.join(', ');
  }
  return null;
}

function checked(field: PDFCheckBox): boolean {
  const v = decode(field.acroField.dict.lookup(PDFName.of('V')));
  if (v !== null) return v.replace(/^\//, '') !== 'Off' && v !== '';
  // No /V: a tool that set only the widget's appearance state.
  return field.acroField
    .getWidgets()
    .some((w) => (decode(w.dict.lookup(PDFName.of('AS'))) ?? 'Off').replace(/^\//, '') !== 'Off');
}

function kindOf(field: PDFField): FieldKind | 'other' {
  if (field instanceof PDFCheckBox) return 'check';
  if (field instanceof PDFDropdown) return 'choice';
  if (field instanceof PDFTextField) return field.isMultiline() ? 'multiline' : 'text';
  return 'other';
}

/**
 * Reads a returned form. A file that is not a PDF, an encrypted or unreadable one, and a PDF with no
 * form fields are refused with the reason; nothing else is judged here (the identity is checked by
 * the caller).
 */
export async function readIntakeForm(bytes: Uint8Array): Promise<ReadForm> {
  if (bytes.length > MAX_PDF_BYTES)
    throw new AppError(
      'invalid-input',
      'The file is larger than 20 MB; an intake form is much smaller. Nothing was imported.',
    );
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-'))
    throw new AppError('invalid-input', 'The file is not a PDF (it does not start like one). Nothing was imported.');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (err) {
    const encrypted = err instanceof Error && /encrypt/i.test(err.message);
    throw new AppError(
      'invalid-input',
      encrypted
        ? 'The PDF is password-protected or encrypted; ask the client to save it without a password. Nothing was imported.'
        : 'The PDF is damaged or incomplete and cannot be read. Nothing was imported.',
    );
  }
  let fields: PDFField[];
  try {
    fields = doc.getForm().getFields();
  } catch {
    throw new AppError('invalid-input', 'The PDF’s form fields are damaged and cannot be read. Nothing was imported.');
  }
  const values: Record<string, string> = {};
  const kinds: Record<string, FieldKind | 'other'> = {};
  let token: string | null = null;
  const expected = new Map(INTAKE_FIELDS.map((f) => [f.name, f]));
  for (const field of fields) {
    const name = field.getName();
    kinds[name] = kindOf(field);
    if (field instanceof PDFCheckBox) {
      values[name] = checked(field) ? 'true' : 'false';
      continue;
    }
    const raw = decode(field.acroField.dict.lookup(PDFName.of('V'))) ?? '';
    if (name === TOKEN_FIELD) token = raw;
    else if (field instanceof PDFDropdown) {
      // Stored as the printed option; map back to the value (a tool may also have written the value).
      const spec = expected.get(name);
      const hit = spec?.options?.find(([v, label]) => label === raw || (v !== '' && v === raw));
      values[name] = hit ? hit[0] : raw === '' ? '' : `?${raw}`;
    } else values[name] = raw;
  }
  return { token, values, kinds };
}
