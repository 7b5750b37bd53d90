import { inflateSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import { count, setup } from './fixtures/harness.ts';
import { MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES } from './zip.ts';

/**
 * Real zip bombs, built here so the test stays small: a deflate stream of `n` zero bytes written by
 * hand (one fixed-Huffman block: a literal 0, then matches of 258 bytes at distance 1), about 1/1,300
 * of its output, inside a zip whose headers state whatever size the test wants.
 */
function zerosDeflate(n: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(((n / 258) * 13) / 8) + 258 + 64); // + the trailing literals
  let pos = 0;
  let bit = 0;
  let acc = 0;
  const bits = (value: number, count: number): void => {
    for (let i = 0; i < count; i += 1) {
      acc |= ((value >> i) & 1) << bit;
      bit += 1;
      if (bit === 8) {
        out[pos] = acc;
        pos += 1;
        acc = 0;
        bit = 0;
      }
    }
  };
  /** A Huffman code goes most significant bit first. */
  const code = (c: number, len: number): void => {
    for (let i = len - 1; i >= 0; i -= 1) bits((c >> i) & 1, 1);
  };
  bits(1, 1); // last block
  bits(1, 2); // fixed Huffman codes
  const literalZero = (): void => code(0x30, 8); // literals 0–143: 00110000 + value
  literalZero();
  let left = n - 1;
  while (left >= 258) {
    code(0xc5, 8); // length 258: code 285 = 11000101
    code(0, 5); // distance 1
    left -= 258;
  }
  for (; left > 0; left -= 1) literalZero();
  code(0, 7); // end of block (256)
  if (bit > 0) out[pos++] = acc;
  return out.subarray(0, pos);
}

interface Entry {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size the headers state. */
  size: number;
}

/** A zip archive (local headers, central directory, end record) of the given entries, as base64. */
function zip(entries: Entry[]): string {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const u16 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff];
  const u32 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const common = [
      ...u16(20), // version needed
      ...u16(0), // flags
      ...u16(e.method),
      ...u16(0),
      ...u16(0x21), // time, date
      ...u32(0), // crc-32
      ...u32(e.data.length),
      ...u32(e.size),
      ...u16(name.length),
      ...u16(0), // extra length
    ];
    const local = Uint8Array.from([...u32(0x04034b50), ...common, ...name]);
    central.push(
      Uint8Array.from([
        ...u32(0x02014b50),
        ...u16(20),
        ...common,
        ...u16(0), // comment length
        ...u16(0), // disk
        ...u16(0),
        ...u32(0), // attributes
        ...u32(offset),
        ...name,
      ]),
    );
    parts.push(local, e.data);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const n = Math.min(entries.length, 0xffff);
  const end = Uint8Array.from([
    ...u32(0x06054b50),
    ...u16(0),
    ...u16(0),
    ...u16(n),
    ...u16(n),
    ...u32(cdSize),
    ...u32(offset),
    ...u16(0),
  ]);
  return Buffer.concat([...parts, ...central, end]).toString('base64');
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const stored = (name: string, s: string): Entry => ({ name, data: text(s), method: 0, size: text(s).length });
/** The small files an FDC archive needs besides the bomb. */
const FDC_REST = [
  stored('fdc/food.csv', 'fdc_id,data_type,description,food_category_id\n1,sr_legacy_food,Apple,\n'),
  stored('fdc/nutrient.csv', 'id,name,unit_name\n1008,Energy,KCAL\n'),
];

const fdc = (dataBase64: string) => ({
  fileName: 'bomb.zip',
  dataBase64,
  format: 'fdc' as const,
  datasetName: 'Bomb',
  citation: null,
  mapping: null,
});

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('zip bombs', () => {
  it('builds real deflate data (the generator agrees with fflate)', () => {
    expect(inflateSync(zerosDeflate(10_000))).toEqual(new Uint8Array(10_000));
  });

  it('refuses a 1 GiB entry from its central directory before inflating it, and stores nothing', async () => {
    const { opened, importer } = await setup();
    const size = MAX_UNZIPPED_BYTES + 1;
    const bomb = zerosDeflate(size);
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    const data = zip([...FDC_REST, { name: 'fdc/food_nutrient.csv', data: bomb, method: 8, size }]);
    const err = refusal(() => importer.import(fdc(data)));
    expect(err.message).toMatch(
      /^The archive's fdc\/food_nutrient\.csv unpacks to 1\.00 GiB \(with the other files read, 1\.00 GiB\); at most 1 GiB of files are read from one archive\. Nothing was imported\.$/,
    );
    expect(count(opened, 'foods')).toBe(0);
    expect(count(opened, 'food_datasets')).toBe(0);
  });

  it('stops an entry that inflates to more than its header states (a lying header), and stores nothing', async () => {
    const { opened, importer } = await setup();
    const bomb = zerosDeflate(256 * 1024 * 1024);
    const data = zip([...FDC_REST, { name: 'fdc/food_nutrient.csv', data: bomb, method: 8, size: 1000 }]);
    const err = refusal(() => importer.import(fdc(data)));
    expect(err.message).toBe(
      "The archive's fdc/food_nutrient.csv unpacks to more than the 1,000 bytes its header states: the archive is damaged or crafted. Nothing was imported.",
    );
    expect(count(opened, 'foods')).toBe(0);
    expect(count(opened, 'food_datasets')).toBe(0);
  });

  it('refuses an archive listing more entries than the limit before reading any', async () => {
    const { opened, importer } = await setup();
    const many = Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => stored(`x/${i}.txt`, ''));
    const err = refusal(() => importer.import(fdc(zip([...FDC_REST, ...many]))));
    expect(err.message).toMatch(/^The archive lists 10,003 files; at most 10,000 are read\./);
    expect(count(opened, 'food_datasets')).toBe(0);
  });

  it('still imports an honest archive written by another zip tool', async () => {
    const { importer } = await setup();
    const files = zipSync({
      'fdc/food.csv': FDC_REST[0]?.data ?? new Uint8Array(),
      'fdc/nutrient.csv': FDC_REST[1]?.data ?? new Uint8Array(),
      'fdc/food_nutrient.csv': text('fdc_id,nutrient_id,amount\n1,1008,52\n'),
    });
    const report = importer.import(fdc(Buffer.from(files).toString('base64')));
    expect(report).toMatchObject({ committed: true, foodsImported: 1 });
  });
});
