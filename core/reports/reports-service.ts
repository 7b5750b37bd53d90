import type { ReportRequest } from '../contract/reports.ts';
import { slugify } from '../export/client-export.ts';
import { PDF_CREATOR, type PdfRenderer } from './pdf.ts';
import { knownPageCount } from './pdf-metadata.ts';
import { buildReportModel, type ReportModel, type ReportServices } from './report-model.ts';

/**
 * 'reports.preview' and 'reports.export': the same HTML for both, so what the practitioner previews is
 * what the client receives. Nothing about the client is logged here (the name, dates and figures are
 * health data); failures surface as AppErrors from the printer.
 */

export interface ReportsServiceDeps extends ReportServices {
  /** A printer, or a factory called on the first export (so a host that never prints starts no browser). */
  pdf: PdfRenderer | (() => PdfRenderer);
  now: () => number;
  /** The practitioner's calendar day (recommendations are evaluated as of it). */
  today: () => string;
}

export interface ReportFileResult {
  fileName: string;
  dataBase64: string;
  pages: number;
  bytes: number;
}

export interface ReportsService {
  preview(req: ReportRequest): Promise<{ title: string; html: string }>;
  export(req: ReportRequest): Promise<ReportFileResult>;
  /** The one printer of this session (started on first use), shared with the meal-plan handout. */
  printer(): PdfRenderer;
  /** Closes the printer if one was started. */
  close(): Promise<void>;
}

export function reportFileName(clientName: string, from: string, to: string): string {
  return `report-${slugify(clientName)}-${from}-${to}.pdf`;
}

/**
 * The report's HTML renderer (React's server renderer, about 1.4 MB of JavaScript), imported with the
 * first report rather than with the core, which every start of the app loads.
 */
const renderer = () => import('./render-html.ts');

export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  const known = knownPageCount(bytes);
  if (known !== undefined) return known;
  const { PDFDocument } = await import('pdf-lib');
  return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
}

export function createReportsService(deps: ReportsServiceDeps): ReportsService {
  let printer: PdfRenderer | null = typeof deps.pdf === 'function' ? null : deps.pdf;
  const getPrinter = (): PdfRenderer => {
    if (!printer) printer = typeof deps.pdf === 'function' ? deps.pdf() : deps.pdf;
    return printer;
  };
  const model = (req: ReportRequest): Promise<ReportModel> => buildReportModel(deps, req, deps.now(), deps.today());

  return {
    async preview(req) {
      const m = await model(req);
      return { title: m.title, html: (await renderer()).renderReportHtml(m, { pageSize: req.pageSize }) };
    },
    async export(req) {
      // The browser starts while the report is built, rather than after.
      void getPrinter().prepare?.();
      const render = renderer();
      const m = await model(req);
      const html = (await render).renderReportHtml(m, { pageSize: req.pageSize });
      const author = m.practitioner.name || PDF_CREATOR;
      const bytes = await getPrinter().render(html, {
        pageSize: req.pageSize,
        title: m.title,
        author,
        subject: `Nutrition report for ${m.period.from} to ${m.period.to}`,
        footerLabel: `${m.client.name} · ${m.period.from} to ${m.period.to}`,
      });
      return {
        fileName: reportFileName(m.client.name, req.from, req.to),
        dataBase64: Buffer.from(bytes).toString('base64'),
        pages: await pdfPageCount(bytes),
        bytes: bytes.byteLength,
      };
    },
    printer: getPrinter,
    async close() {
      await printer?.close?.();
    },
  };
}
