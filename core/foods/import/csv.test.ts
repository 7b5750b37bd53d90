import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../util/prng.ts';
import { CsvReader, decodeText, parseCsv, readCsvTable, sniffDelimiter, type CsvRow } from './csv.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('parseCsv', () => {
  it('reads quoted fields, escaped quotes, embedded delimiters and newlines, with physical lines', () => {
    const text = 'id,name,note\r\n1,"Banana, raw","He said ""ripe"""\r\n2,"Two\r\nline\nnote",x\n3,plain,\n';
    const { rows, errors } = parseCsv(text, ',');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 1, cells: ['id', 'name', 'note'] },
      { line: 2, cells: ['1', 'Banana, raw', 'He said "ripe"'] },
      { line: 3, cells: ['2', 'Two\r\nline\nnote', 'x'] },
      { line: 6, cells: ['3', 'plain', ''] },
    ]);
  });

  it('handles lone CR line ends, blank lines, a BOM and no final newline', () => {
    const { rows } = parseCsv('\ufeffa;b\r\r1;2\r\n\n3;4', ';');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['1', '2'] },
      { line: 5, cells: ['3', '4'] },
    ]);
  });

  it('keeps a bare quote inside an unquoted field (inch marks in SR descriptions)', () => {
    const { rows, errors } = parseCsv('unit,g\nmedium (7" to 7-7/8" long),118\n', ',');
    expect(errors).toEqual([]);
    expect(rows[1]?.cells).toEqual(['medium (7" to 7-7/8" long)', '118']);
  });

  it('keeps empty fields, trailing delimiters and empty quoted fields', () => {
    const { rows } = parseCsv('a,b,c\n,,\n"",x,\n', ',');
    expect(rows.slice(1).map((r) => r.cells)).toEqual([
      ['', '', ''],
      ['', 'x', ''],
    ]);
  });

  it('reports an unterminated quote with the line it opened on', () => {
    const { rows, errors } = parseCsv('a,b\n1,2\n3,"never closed\n4,5\n', ',');
    expect(errors).toEqual([{ line: 3, message: expect.stringContaining('never closed') }]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('reports text after a closing quote', () => {
    const { errors } = parseCsv('a,b\n"x"y,2\n', ',');
    expect(errors).toEqual([{ line: 2, message: 'unexpected text after a closing quote' }]);
  });

  it('parses tab-separated text', () => {
    expect(parseCsv('a\tb\n1\t"x\ty"\n', '\t').rows[1]?.cells).toEqual(['1', 'x\ty']);
  });
});

describe('sniffDelimiter', () => {
  it('prefers the delimiter that splits records consistently, even when headers contain commas', () => {
    const ciqual =
      'alim_code;alim_nom_eng;Energy, Regulation EU No 1169/2011 (kcal/100g);Protein (g/100g)\n' +
      '13000;Apple, raw;53,9;0,25\n' +
      '13001;Pear, raw;56,2;0,38\n';
    expect(sniffDelimiter(ciqual)).toBe(';');
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(sniffDelimiter('a\tb\n1,5\t2\n')).toBe('\t');
    expect(sniffDelimiter('"fdc_id","description"\n"1","Milk; whole"\n')).toBe(',');
  });

  it('falls back to a comma for a single column', () => {
    expect(sniffDelimiter('name\nApple\n')).toBe(',');
  });
});

describe('decodeText', () => {
  it('reads UTF-8 (dropping its BOM); windows-1252 only when asked, never as a silent fallback', () => {
    expect(decodeText(utf8('\ufeffcrème brûlée'))).toEqual({ text: 'crème brûlée', encoding: 'utf-8' });
    // "Pâté; 5 µg – €" in windows-1252: â=E2 é=E9 µ=B5 en dash=96 euro=80.
    const cp1252 = Uint8Array.from([
      0x50, 0xe2, 0x74, 0xe9, 0x3b, 0x20, 0x35, 0x20, 0xb5, 0x67, 0x20, 0x96, 0x20, 0x80,
    ]);
    expect(() => decodeText(cp1252)).toThrow(/row 1, column 1 holds the byte 0xE2, which is not UTF-8/);
    expect(decodeText(cp1252, 'windows-1252')).toEqual({ text: 'Pâté; 5 µg – €', encoding: 'windows-1252' });
    expect(decodeText(cp1252, 'latin1').text).toBe('Pâté; 5 µg – €');
  });

  it('reads UTF-16LE with a BOM (Excel "Unicode text")', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x61, 0x00, 0x09, 0x00, 0xe9, 0x00]);
    expect(decodeText(bytes)).toEqual({ text: 'a\té', encoding: 'utf-16le' });
  });
});

describe('readCsvTable', () => {
  it('returns trimmed headers and data rows with their lines', () => {
    const t = readCsvTable(utf8(' name ; kcal \nApple;52\n\nPear;57\n'));
    expect(t.delimiter).toBe(';');
    expect(t.headers).toEqual(['name', 'kcal']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['Apple', '52'] },
      { line: 4, cells: ['Pear', '57'] },
    ]);
  });

  it('gives no headers for an empty file', () => {
    expect(readCsvTable(new Uint8Array()).headers).toEqual([]);
  });
});

describe('CsvReader', () => {
  const read = (bytes: Uint8Array, chunk: () => number, encoding: 'windows-1252' | null = null) => {
    const rows: CsvRow[] = [];
    const errors: { line: number; message: string }[] = [];
    const reader = new CsvReader({
      fileName: 'f.csv',
      encoding,
      onRow: (r) => rows.push(r),
      onError: (e) => errors.push(e),
    });
    for (let off = 0; off < bytes.length;) {
      const n = Math.max(1, chunk());
      reader.push(bytes.subarray(off, off + n));
      off += n;
    }
    reader.end();
    return { rows, errors, delimiter: reader.delimiter };
  };

  it('gives the same records whatever the chunk sizes (multi-byte characters and CRLF split across chunks)', () => {
    const text =
      '\ufeffid;name;kcal\r\n' +
      Array.from({ length: 60 }, (_, i) => `${i};"Crème brûlée ${i}\r\nnuit ""€""";${i},5\r\n`).join('') +
      '99;Œufs 🥚;12\r';
    const bytes = utf8(text);
    const whole = parseCsv(text, ';');
    for (const seed of [1, 2, 3]) {
      const rnd = mulberry32(seed);
      const got = read(bytes, () => Math.floor(rnd() * 7));
      expect(got.delimiter).toBe(';');
      expect(got.errors).toEqual([]);
      expect(got.rows).toEqual(whole.rows);
    }
    expect(whole.rows.at(-1)).toEqual({ line: 122, cells: ['99', 'Œufs 🥚', '12'] });
  });

  it('refuses the first byte that is not UTF-8, naming its row and column, after 60 good rows', () => {
    const head = utf8(
      'id,name,kcal\n' + Array.from({ length: 60 }, (_, i) => `${i},Pâté ${i},5\n`).join('') + '60,Caf',
    );
    const bytes = new Uint8Array([...head, 0xe9, ...utf8(',7\n')]);
    for (const size of [1, 5, 1 << 20]) {
      expect(() => read(bytes, () => size)).toThrow(
        'f.csv is not UTF-8 text: row 62, column 2 ("name") holds the byte 0xE9, which is not UTF-8.',
      );
    }
    // Named explicitly, the same file reads as windows-1252.
    expect(read(bytes, () => 4096, 'windows-1252').rows.at(-1)?.cells).toEqual(['60', 'Café', '7']);
  });

  it('refuses a truncated UTF-8 sequence at the end of the file', () => {
    expect(() => read(new Uint8Array([...utf8('a,b\n1,'), 0xc3]), () => 1)).toThrow(/row 2, column 2 \("b"\)/);
  });

  it('reports NUL and other control characters with row and column; keeps tabs and line breaks in quotes', () => {
    const { rows, errors } = read(
      utf8('name,kcal\n"Oat\tmilk\nbarista",40\nRice\u0000,130\nx,\u0007\u0001\n'),
      () => 3,
    );
    expect(rows[1]?.cells).toEqual(['Oat\tmilk\nbarista', '40']);
    expect(errors).toEqual([
      { line: 4, message: expect.stringContaining('column 1 holds the control character U+0000') },
      { line: 5, message: expect.stringContaining('column 2 holds the control character U+0007') },
    ]);
  });
});

describe('CsvReader with a reused chunk buffer', () => {
  it('keeps a UTF-8 character cut by the chunk end intact when the caller overwrites its buffer', () => {
    const bytes = Buffer.from('name,kcal\nPâté,300\nCrème brûlée,250\n', 'utf8');
    for (const size of [1, 2, 3, 7, 12, 13]) {
      const rows: string[][] = [];
      const reader = new CsvReader({ fileName: 'x.csv', onRow: (r) => rows.push(r.cells), onError: () => {} });
      const chunk = Buffer.alloc(size); // one buffer for every chunk, as the import's file reader does
      for (let off = 0; off < bytes.length; off += size) {
        const n = bytes.copy(chunk, 0, off, Math.min(bytes.length, off + size));
        reader.push(chunk.subarray(0, n));
        chunk.fill(0x58); // the next read overwrites it
      }
      reader.end();
      expect(rows, `chunks of ${size}`).toEqual([
        ['name', 'kcal'],
        ['Pâté', '300'],
        ['Crème brûlée', '250'],
      ]);
    }
  });
});
