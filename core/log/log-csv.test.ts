import { describe, expect, it } from 'vitest';
import { parseLogCsv, type ResolveFoodName } from './log-csv.ts';

const CLIENT = '0195f0c2-7a3e-7b21-8c4d-1234567890ab';
const BANANA = 'usda:09040';
const csv = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Names as the foods service resolves them: exact, case-insensitive; "Apple" exists twice. */
const resolve: ResolveFoodName = (name) => {
  const n = name.toLowerCase();
  if (n === 'bananas, raw') return BANANA;
  if (n === 'apple') return 'ambiguous';
  return null;
};

describe('parseLogCsv', () => {
  it('reads diet, activity and sleep rows into EntryInput objects with their rows', () => {
    const text =
      'date,time,kind,meal,food_id,food_name,amount,grams,activity,minutes,hours,quality,note\r\n' +
      `2026-03-10,08:15,diet,Breakfast,${BANANA},,1 medium,,,,,,with oats\r\n` +
      '2026-03-10,9:05,,snack,,"Bananas, RAW",,50,,,,,\r\n' +
      '2026-03-10,18:00:00,activity,,,,,,walking,45,,,\r\n' +
      '\r\n' +
      '2026-03-11,,sleep,,,,,,,,"7,5",4,"woke up at 3"\r\n';
    const r = parseLogCsv(csv(text), CLIENT, resolve);
    expect(r.errors).toEqual([]);
    expect(r.rowsRead).toBe(4);
    expect(r.entries).toEqual([
      {
        row: 2,
        input: {
          kind: 'diet',
          clientId: CLIENT,
          date: '2026-03-10',
          time: '08:15',
          note: 'with oats',
          confirm: false,
          meal: 'breakfast',
          foodId: BANANA,
          grams: null,
          amount: '1 medium',
        },
      },
      {
        row: 3,
        input: expect.objectContaining({
          kind: 'diet',
          time: '09:05',
          meal: 'snack',
          foodId: BANANA,
          grams: 50,
          amount: null,
        }),
      },
      { row: 4, input: expect.objectContaining({ kind: 'activity', activity: 'walking', minutes: 45, time: '18:00' }) },
      { row: 6, input: expect.objectContaining({ kind: 'sleep', hours: 7.5, quality: 4, note: 'woke up at 3' }) },
    ]);
  });

  it('reports each problem with its row and the column, in words', () => {
    const text =
      'date;kind;meal;food_id;food_name;amount;grams;activity;minutes;hours;quality\n' +
      '2026-02-30;diet;;usda:09040;;;100;;;;\n' + // 2: date does not exist
      '2026-03-01;diet;brunch;usda:09040;;;abc;;;;\n' + // 3: meal, grams
      '2026-03-01;diet;;;Apple;1 medium;;;;;\n' + // 4: ambiguous name
      '2026-03-01;diet;;;Dragon fruit;1;;;;;\n' + // 5: unknown name
      '2026-03-01;diet;;usda:09040;;;;;;;\n' + // 6: neither grams nor amount
      '2026-03-01;run;;;;;;;;;\n' + // 7: kind
      '2026-03-01;activity;;;;;;;;;\n' + // 8: activity and minutes missing
      '2026-03-01;sleep;;;;;;;;25;9\n' + // 9: hours, quality
      '2026-03-01;diet;;usda:09040;;;6000;;;;\n'; // 10: more than 5 kg
    const r = parseLogCsv(csv(text), CLIENT, resolve);
    expect(r.entries).toEqual([]);
    expect(r.rowsRead).toBe(9);
    expect(r.errors).toEqual([
      { row: 2, message: 'date: This date does not exist.' },
      { row: 3, message: 'grams: "abc" is not a number' },
      { row: 3, message: 'meal: Choose a meal.' },
      { row: 4, message: 'food_name: several foods are named "Apple"; give its food_id instead' },
      { row: 5, message: 'food_name: no food is named "Dragon fruit"' },
      { row: 6, message: 'amount: Give either grams or a household measure (such as "1 medium").' },
      { row: 7, message: 'kind: "run" is not one of diet, activity, sleep' },
      { row: 8, message: 'activity: give the activity (for example "walking")' },
      { row: 8, message: 'minutes: Enter the minutes.' },
      { row: 9, message: 'hours: More than 24 hours of sleep in one day cannot be right.' },
      { row: 9, message: 'quality: Rate the quality from 1 to 5.' },
      { row: 10, message: 'grams: More than 5 kg in one entry cannot be right.' },
    ]);
  });

  it('prefers exact grams when an exported row has both the measure and its grams, and drops the formula guard', () => {
    const text = `date,kind,food_id,food_name,amount,grams,note,energy_kcal,source\n2026-03-10,diet,${BANANA},"Bananas, raw",1 medium,118,'-2 kg goal,105.02,manual\n`;
    const r = parseLogCsv(csv(text), CLIENT, resolve);
    expect(r.errors).toEqual([]);
    expect(r.entries[0]?.input).toMatchObject({ foodId: BANANA, grams: 118, amount: null, note: '-2 kg goal' });
  });

  it('reports a file without a date column, an empty file and a broken quote', () => {
    expect(parseLogCsv(csv('day,kind\n2026-03-01,diet\n'), CLIENT, resolve).errors).toEqual([
      { row: 1, message: expect.stringMatching(/^The header row has no "date" column/) },
    ]);
    expect(parseLogCsv(new Uint8Array(), CLIENT, resolve).errors).toEqual([{ row: 1, message: 'The file is empty.' }]);
    const broken = parseLogCsv(csv('date,kind,note\n2026-03-01,sleep,"never closed\n'), CLIENT, resolve);
    expect(broken.errors[0]).toEqual({ row: 2, message: expect.stringContaining('never closed') });
  });
});

describe('parseLogCsv numbers and encodings', () => {
  it('reads "12,5" as a decimal comma but refuses "1,500", which may be a thousands separator', () => {
    const r = parseLogCsv(
      csv('date;food_id;grams\n2026-03-01;usda:09040;12,5\n2026-03-01;usda:09040;1,500\n'),
      CLIENT,
      resolve,
    );
    expect(r.entries.map((e) => e.input)).toMatchObject([{ grams: 12.5 }]);
    expect(r.errors).toContainEqual({
      row: 3,
      message: 'grams: "1,500" could be 1.500 or 1500: write the number without a thousands separator',
    });
  });

  it('refuses a diary that is not UTF-8 with row and column, unless its encoding is named', () => {
    const bytes = new Uint8Array([...csv('date,food_id,grams,note\n2026-03-01,usda:09040,100,Caf'), 0xe9, 0x0a]);
    expect(() => parseLogCsv(bytes, CLIENT, resolve, { fileName: 'diary.csv' })).toThrow(
      'diary.csv is not UTF-8 text: row 2, column 4 ("note") holds the byte 0xE9',
    );
    const r = parseLogCsv(bytes, CLIENT, resolve, { encoding: 'windows-1252' });
    expect(r.errors).toEqual([]);
    expect(r.entries[0]?.input.note).toBe('Café');
  });
});
