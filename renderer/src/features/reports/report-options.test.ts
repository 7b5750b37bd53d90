import { describe, expect, it } from 'vitest';
import {
  defaultSections,
  draftKey,
  exportedSentence,
  matchReportPreset,
  pdfFileName,
  orderSections,
  REPORT_SECTION_ORDER,
  reportPresetRange,
  reportProblems,
  sectionLabel,
  type ReportDraft,
  withVariant,
} from './report-options.ts';

const draft: ReportDraft = {
  clientId: 'c1',
  from: '2025-03-01',
  to: '2025-03-10',
  sections: REPORT_SECTION_ORDER,
  pageSize: 'A4',
  variant: 'practitioner',
};

describe('variants', () => {
  it("leaves the practitioner's notes out of the client's copy unless ticked, and puts them in the case report", () => {
    expect(defaultSections('client')).not.toContain('notes');
    expect(defaultSections('practitioner')).toContain('notes');
    const client = withVariant(draft, 'client');
    expect(client.variant).toBe('client');
    expect(client.sections).toEqual(REPORT_SECTION_ORDER.filter((s) => s !== 'notes'));
    expect(withVariant({ ...client, sections: ['summary'] }, 'practitioner').sections).toEqual(['summary', 'notes']);
    expect(draftKey(client)).not.toBe(draftKey(draft));
  });
});

describe('sections', () => {
  it('lists every section in report order with a label', () => {
    expect(REPORT_SECTION_ORDER).toEqual([
      'summary',
      'measurements',
      'intake',
      'trends',
      'macros',
      'activity-sleep',
      'photos',
      'recommendations',
      'notes',
      'disclaimer',
    ]);
    expect(sectionLabel('activity-sleep')).toBe('Activity and sleep');
    expect(sectionLabel('measurements')).toBe('Measurements');
  });

  it('orders chosen sections as the report prints them', () => {
    expect(orderSections(['notes', 'summary', 'nope'])).toEqual(['summary', 'notes']);
    expect(orderSections([...REPORT_SECTION_ORDER].reverse())).toEqual(REPORT_SECTION_ORDER);
    expect(orderSections([])).toEqual([]);
  });
});

describe('date presets', () => {
  it('counts both ends', () => {
    expect(reportPresetRange(7, '2025-03-10')).toEqual({ from: '2025-03-04', to: '2025-03-10' });
    expect(reportPresetRange(30, '2025-03-10')).toEqual({ from: '2025-02-09', to: '2025-03-10' });
    expect(reportPresetRange(90, '2024-03-01').from).toBe('2023-12-03');
  });

  it('recognises a preset range ending today', () => {
    expect(matchReportPreset('2025-03-04', '2025-03-10', '2025-03-10')).toBe(7);
    expect(matchReportPreset('2025-03-05', '2025-03-10', '2025-03-10')).toBeNull();
    expect(matchReportPreset('2025-03-04', '2025-03-10', '2025-03-11')).toBeNull();
  });
});

describe('reportProblems', () => {
  it('accepts a complete draft', () => {
    expect(reportProblems(draft)).toEqual({});
  });

  it('names each missing or wrong field', () => {
    expect(reportProblems({ ...draft, clientId: null, from: '', to: '2025-02-30', sections: [] })).toEqual({
      clientId: 'Choose a client.',
      from: 'Enter a start date.',
      to: 'Enter an end date.',
      sections: 'Choose at least one section.',
    });
    expect(reportProblems({ ...draft, from: '2025-03-11' })).toEqual({
      from: 'The start date is after the end date.',
    });
  });

  it('keys a draft by every input', () => {
    expect(draftKey(draft)).toBe(draftKey({ ...draft }));
    expect(draftKey(draft)).not.toBe(draftKey({ ...draft, pageSize: 'Letter' }));
  });
});

describe('pdfFileName', () => {
  it('keeps a good name', () => {
    expect(pdfFileName('Report - Ana Silva - 2025-03-01 to 2025-03-10.pdf')).toBe(
      'Report - Ana Silva - 2025-03-01 to 2025-03-10.pdf',
    );
  });

  it('replaces unsafe characters and adds the extension', () => {
    expect(pdfFileName('../Ana/Silva: report')).toBe('Ana-Silva - report.pdf');
    expect(pdfFileName('a<b>c?.PDF')).toBe('a-b-c.pdf');
    expect(pdfFileName('report')).toBe('report.pdf');
    expect(pdfFileName('Report: Ana')).toBe('Report - Ana.pdf');
    expect(pdfFileName('a\u0000b\nc')).toBe('a b c.pdf');
  });

  it('falls back for an empty name', () => {
    expect(pdfFileName('  ', { from: '2025-03-01', to: '2025-03-10' })).toBe('report-2025-03-01-to-2025-03-10.pdf');
    expect(pdfFileName('...')).toBe('report.pdf');
  });

  it('says how many pages were saved', () => {
    expect(exportedSentence('r.pdf', 1, '12 KB')).toBe('Saved r.pdf (1 page, 12 KB).');
    expect(exportedSentence('r.pdf', 3, '1.2 MB')).toBe('Saved r.pdf (3 pages, 1.2 MB).');
  });
});
