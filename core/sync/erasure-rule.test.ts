import { describe, expect, it } from 'vitest';
import { formatHlc } from './protocol/hlc.ts';
import { erasedRow, mergeRow, type StampedRow, type Tomb } from './protocol/merge.ts';

/**
 * The merge rule for a deleted client, on its own: every order in which the same changes arrive ends
 * with the same row, and it holds nothing but the delete.
 */

const A = '0190aaaa-0000-7000-8000-00000000000a';
const B = '0190bbbb-0000-7000-8000-00000000000b';
const C = '0190cccc-0000-7000-8000-00000000000c';
const h = (wall: number, node = A, counter = 0) => formatHlc({ wall, counter, node });
type Change = { field: string; value: unknown; hlc: string };

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

const fold = (batches: Change[][], at: Parameters<typeof mergeRow>[2]): StampedRow => {
  let row: StampedRow | null = null;
  for (const b of batches) {
    const m = mergeRow(row, b, at);
    row = { fields: m.fields, stamps: m.stamps };
  }
  return row!;
};

describe('erasing a deleted client', () => {
  const create: Change[] = [
    { field: 'name', value: 'enc:v1:bmFtZQ==', hlc: h(100) },
    { field: 'notes', value: 'enc:v1:bm90ZXM=', hlc: h(100) },
    { field: 'weight_kg', value: 70, hlc: h(100) },
    { field: 'created_at', value: 100, hlc: h(100) },
  ];
  const deleteOnA: Change[] = [
    { field: 'deleted_at', value: 200, hlc: h(200) },
    { field: 'name', value: 'enc:v1:', hlc: h(200, A, 1) },
  ];
  const laterEditOnB: Change[] = [
    { field: 'phone', value: 'enc:v1:cGhvbmU=', hlc: h(300, B) },
    { field: 'notes', value: 'enc:v1:U0VDUkVU', hlc: h(300, B) },
  ];
  const secondDeleteOnC: Change[] = [{ field: 'deleted_at', value: 250, hlc: h(250, C) }];
  const undoLater: Change[] = [{ field: 'deleted_at', value: null, hlc: h(400, B) }];

  it('ends with the same erased row in every order of arrival', () => {
    const results = permutations([create, deleteOnA, laterEditOnB, secondDeleteOnC, undoLater]).map((order) =>
      fold(order, { table: 'clients' }),
    );
    const expected = erasedRow('clients', { value: 250, hlc: h(250, C) }, null);
    for (const r of results) expect(r).toEqual(expected);
    expect(Object.entries(expected.fields).filter(([, v]) => v !== null)).toEqual([['deleted_at', 250]]);
  });

  it('erases a child row of a deleted client whatever it receives, and reports later changes as dropped', () => {
    const tomb: Tomb = { value: 200, hlc: h(200) };
    const cid = '0190dddd-0000-7000-8000-00000000000d';
    const meal: Change[] = [
      { field: 'client_id', value: cid, hlc: h(100) },
      { field: 'detail', value: 'enc:v1:bWVhbA==', hlc: h(100) },
      { field: 'energy_kcal', value: 300, hlc: h(100) },
    ];
    const edit: Change[] = [{ field: 'detail', value: 'enc:v1:bGF0ZXI=', hlc: h(300, B) }];
    for (const order of permutations([meal, edit]))
      expect(fold(order, { table: 'events', client: { id: cid, tomb } })).toEqual(erasedRow('events', tomb, cid));
    const erased = erasedRow('events', tomb, cid);
    const again = mergeRow(erased, edit, { table: 'events', client: { id: cid, tomb } });
    expect(again.applied).toEqual([]);
    expect(again.ignored).toEqual(['detail']);
  });

  it('leaves an ordinary log-entry delete undoable (only a client delete erases)', () => {
    const row = fold(
      [
        [{ field: 'energy_kcal', value: 300, hlc: h(100) }],
        [{ field: 'deleted_at', value: 200, hlc: h(200) }],
        [{ field: 'deleted_at', value: null, hlc: h(300) }],
      ],
      { table: 'events', client: null },
    );
    expect(row.fields).toEqual({ energy_kcal: 300, deleted_at: null });
  });
});
