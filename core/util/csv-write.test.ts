import { describe, expect, it } from 'vitest';
import { parseCsv } from '../foods/import/csv.ts';
import { csvCell, toCsv, unguardCell } from './csv-write.ts';

describe('csv-write', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Bananas, raw')).toBe('"Bananas, raw"');
    expect(csvCell('7" long')).toBe('"7"" long"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('guards text that a spreadsheet would run as a formula, and the reader removes the guard', () => {
    for (const text of ['=1+1', '+44 20', '-5 kg', '@SUM(A1)']) {
      const cell = csvCell(text);
      expect(cell.startsWith("'")).toBe(true);
      expect(unguardCell(cell)).toBe(text);
    }
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(unguardCell("'quoted'")).toBe("'quoted'");
  });

  it('writes CRLF records, an optional BOM, and reads back cell for cell', () => {
    const rows = [
      ['a, b', 'say "hi"', 3],
      ['multi\r\nline', null, 0.1],
    ];
    const text = toCsv(['x', 'y', 'z'], rows, { bom: true });
    expect(text.startsWith('\ufeffx,y,z\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text, ',').rows.map((r) => r.cells)).toEqual([
      ['x', 'y', 'z'],
      ['a, b', 'say "hi"', '3'],
      ['multi\r\nline', '', '0.1'],
    ]);
  });
});
