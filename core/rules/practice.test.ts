import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/prng.ts';
import {
  clientDailyFeatures,
  computeVariables,
  practiceDailyFeatures,
  practiceVariables,
  shiftDate,
} from './features.ts';
import { DETAIL_FEATURES, FEATURE_NUTRIENTS } from './variables.ts';
import { engineKit, type EngineKit } from './test-kit.ts';

/**
 * The practice-wide path (practiceVariables, recommendations.evaluateMany) against the per-client
 * path (computeVariables, recommendations.evaluate) on seeded random practices: the same variables
 * for every client, and the same recommendations stored, through random changes to the logs.
 */

const DIETS = ['omnivore', 'vegetarian', 'vegan', 'pescatarian', 'flexitarian'] as const;

function seedPractice(kit: EngineKit, seed: number, asOf: string): string[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  kit.addFood('p-apple', 'Fruits and Fruit Juices');
  kit.addFood('p-bread', 'Baked Products');
  kit.addFood('p-potato', 'Vegetables and Vegetable Products', 'Potatoes, boiled');
  const ids: string[] = [];
  for (let i = 0; i < 14; i++) {
    const female = rnd() < 0.5;
    const c = kit.addClient({
      name: `Practice client ${i}`,
      sex: female ? 'female' : 'male',
      birthDate: `${1950 + Math.floor(rnd() * 55)}-0${1 + Math.floor(rnd() * 9)}-15`,
      heightCm: 150 + Math.floor(rnd() * 40),
      weightKg: i === 3 ? null : 45 + Math.floor(rnd() * 60),
      dietPattern: pick(DIETS),
      allergies: rnd() < 0.2 ? ['Peanut'] : [],
      lifeStage: female && rnd() < 0.15 ? 'pregnant' : 'none',
      lifeStageDetail: null,
      edSensitive: rnd() < 0.15,
    });
    ids.push(c.id);
    if (i === 0) continue; // no log at all
    // Client 1 logs every day for 14 months: a streak longer than the set-based look-back.
    const span = i === 1 ? 430 : 10 + Math.floor(rnd() * 60);
    const skip = i === 1 ? 0 : rnd() * 0.5;
    for (let d = 0; d < span; d++) {
      const day = shiftDate(asOf, -d);
      if (rnd() < skip) continue;
      const entries = i === 2 ? 0 : 1 + Math.floor(rnd() * 4); // client 2: only sleep and activity
      for (let k = 0; k < entries; k++) {
        const f = 0.3 + rnd();
        kit.addEvent({
          clientId: c.id,
          date: day,
          at: `${day}T${String(7 + k * 3).padStart(2, '0')}:00:00Z`,
          foodId: pick(['p-apple', 'p-bread', 'p-potato', undefined]),
          grams: Math.round(200 * f),
          energyKcal: 700 * f,
          proteinG: 25 * f,
          fatG: 25 * f,
          satFatG: rnd() < 0.8 ? 9 * f : undefined,
          addedSugarG: 12 * f,
          fibreG: 6 * f,
          sodiumMg: 900 * f,
          ironMg: 4 * f,
          calciumMg: 300 * f,
          // Known for some entries only (JSON drops the undefined one), so days sum part of their entries.
          caffeineMg: k === 0 ? 95 * f : undefined,
          alcoholG: k === 1 ? 14 * f : undefined,
        });
      }
      if (rnd() < 0.4) kit.addEvent({ clientId: c.id, kind: 'activity', date: day, durationMin: 10 + rnd() * 50 });
      if (rnd() < 0.6)
        kit.addEvent({
          clientId: c.id,
          kind: 'sleep',
          date: day,
          sleepHours: 4 + rnd() * 5,
          sleepQuality: 1 + Math.floor(rnd() * 5),
        });
    }
  }
  return ids;
}

/** The stored recommendations without their random ids, in a stable order. */
function stored(kit: EngineKit): unknown[] {
  return kit.sqlite
    .prepare(
      `SELECT client_id, rule_id, rule_version, title, message, client_message, confidence, suggestions, guardrails,
         "references", condition, "values", status, expires_at, created_at, updated_at
       FROM recommendations ORDER BY client_id, rule_id, status, created_at`,
    )
    .all();
}

type Saved = Record<string, unknown>[];
function save(kit: EngineKit): Saved {
  return kit.sqlite.prepare('SELECT * FROM recommendations').all() as Saved;
}
function restore(kit: EngineKit, rows: Saved): void {
  kit.sqlite.transaction(() => {
    kit.sqlite.exec('DELETE FROM recommendations');
    for (const r of rows) {
      const cols = Object.keys(r);
      kit.sqlite
        .prepare(
          `INSERT INTO recommendations (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
        )
        .run(r);
    }
  })();
}

describe('the practice-wide path gives what the per-client path gives', () => {
  it("practiceDailyFeatures equals clientDailyFeatures and SQLite's own aggregates, to the last bit", async () => {
    const kit = await engineKit();
    const ids = seedPractice(kit, 7005, '2026-03-15');
    // Values of very different sizes on some days, where an uncompensated sum loses the last bits.
    const rnd = mulberry32(7006);
    for (const id of ids.slice(3, 9))
      for (let d = 0; d < 30; d += 3)
        kit.addEvent({
          clientId: id,
          date: shiftDate('2026-03-15', -d),
          energyKcal: rnd() * 1e9,
          proteinG: rnd() * 1e-7,
        });
    // Caffeine and alcohol have no daily_totals column: each day's sum over its diet entries' own values.
    const detailColumns = Object.entries(DETAIL_FEATURES)
      .map(
        ([name, key]) =>
          `, (SELECT sum(json_extract(e.detail, '$.nutrients.${key}')) FROM events AS e WHERE e.client_id = t.client_id
             AND e.local_date = t.local_date AND e.kind = 'diet' AND e.deleted_at IS NULL) AS ${name}`,
      )
      .join('');
    // The window aggregates as SQL computes them (avg and sum), the reference for the sums in code.
    const nutrients = FEATURE_NUTRIENTS.map(
      (n) => `avg(CASE WHEN diet_entries > 0 AND local_date >= :s7 THEN ${n} END) AS m7_${n},
        avg(CASE WHEN diet_entries > 0 THEN ${n} END) AS m30_${n}`,
    ).join(', ');
    const reference = kit.sqlite.prepare(
      `SELECT ${nutrients},
         count(CASE WHEN diet_entries > 0 AND local_date >= :s7 THEN 1 END) AS days_logged_7d,
         count(CASE WHEN diet_entries > 0 THEN 1 END) AS days_logged_30d,
         avg(CASE WHEN sleep_entries > 0 AND local_date >= :s7 THEN sleep_hours END) AS sleep_hours_7d_mean,
         avg(CASE WHEN sleep_entries > 0 AND local_date >= :s7 THEN sleep_quality END) AS sleep_quality_7d_mean,
         coalesce(sum(CASE WHEN activity_entries > 0 AND local_date >= :s7 THEN activity_min END), 0) AS activity_min_7d_total,
         count(CASE WHEN activity_entries > 0 AND local_date >= :s7 THEN 1 END) AS activity_days_7d,
         count(CASE WHEN activity_entries > 0 THEN 1 END) AS activity_days_30d
       FROM (SELECT *${detailColumns} FROM daily_totals AS t
             WHERE client_id = :client AND local_date BETWEEN :s30 AND :asOf ORDER BY local_date)`,
    );
    // Streaks ending at the edges of what the practice-wide count reads at once: exactly the 30-day
    // window, the window and one more span of 64 days, one day more, and up to yesterday only.
    const edges: string[] = [];
    for (const [length, lastDay] of [
      [30, 0],
      [94, 0],
      [95, 0],
      [94, 1],
      [31, 1],
    ] as const) {
      const c = kit.addClient({
        name: `Streak ${length} to -${lastDay}`,
        sex: 'female',
        birthDate: '1980-01-15',
        heightCm: 165,
        weightKg: 60,
        dietPattern: 'omnivore',
        allergies: [],
        lifeStage: 'none',
        lifeStageDetail: null,
        edSensitive: false,
      });
      edges.push(c.id);
      for (let d = lastDay; d < lastDay + length; d++) {
        const day = shiftDate('2026-03-15', -d);
        kit.addEvent({ clientId: c.id, date: day, energyKcal: 1800 + d });
      }
      // A day with only sleep before the run: a gap for the streak, a row for the window.
      kit.addEvent({
        clientId: c.id,
        kind: 'sleep',
        date: shiftDate('2026-03-15', -(lastDay + length)),
        sleepHours: 7,
      });
    }
    const listed = [...ids, ...edges, '00000000-0000-7000-8000-00000000dead'];
    let compared = 0;
    for (const asOf of ['2026-03-15', '2026-03-10', '2026-02-20', '2025-12-24']) {
      const practice = practiceDailyFeatures(kit.sqlite, asOf, listed);
      for (const id of listed) {
        const one = clientDailyFeatures(kit.sqlite, id, asOf);
        expect(practice(id), `${id} on ${asOf}`).toEqual(one);
        const sql = reference.get({ client: id, asOf, s7: shiftDate(asOf, -6), s30: shiftDate(asOf, -29) });
        expect(one.window, `${id} on ${asOf}`).toEqual(sql);
        if (Number(one.window.days_logged_30d) > 0) compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
    expect(edges.map((id) => practiceDailyFeatures(kit.sqlite, '2026-03-15', listed)(id).streak)).toEqual([
      30, 94, 95, 94, 31,
    ]);
  });

  it('practiceVariables equals computeVariables for every client, on several days', async () => {
    const kit = await engineKit();
    const ids = seedPractice(kit, 7001, '2026-03-15');
    const clients = ids.map((id) => kit.clients.get(id));
    for (const asOf of ['2026-03-15', '2026-03-16', '2026-03-01', '2025-12-24']) {
      const now = Date.parse(`${asOf}T18:00:00Z`);
      const many = practiceVariables(kit.sqlite, kit.targets, clients, asOf, now);
      clients.forEach((c, i) => {
        expect(many[i], `${c.name} on ${asOf}`).toEqual(computeVariables(kit.sqlite, kit.targets, c, asOf, now));
      });
    }
    // The long streak is counted beyond the set-based look-back, as the per-client query counts it.
    expect(many0(kit, clients)).toBeGreaterThan(400);
  });

  it('evaluateMany stores exactly what evaluate stores, client by client, through random log changes', async () => {
    const kit = await engineKit();
    const ids = seedPractice(kit, 7002, kit.clock.today());
    const rnd = mulberry32(7003);
    for (let round = 0; round < 4; round++) {
      const before = save(kit);
      const perClient = new Map<string, unknown>();
      for (const id of ids) perClient.set(id, await kit.recs.evaluate(id));
      const expected = stored(kit);
      restore(kit, before);
      const many = await kit.recs.evaluateMany();
      expect(stored(kit), `round ${round}`).toEqual(expected);
      expect(new Map([...many].map(([id, r]) => [id, r]))).toEqual(perClient);
      expect(expected.length).toBeGreaterThan(0);
      // Change the data: new entries for some clients, deleted entries for others, and a day passes.
      for (const id of ids) {
        if (rnd() < 0.3)
          kit.addEvent({ clientId: id, date: kit.clock.today(), energyKcal: 400 + rnd() * 2000, fibreG: rnd() * 20 });
        if (rnd() < 0.2)
          kit.sqlite
            .prepare(
              `UPDATE events SET deleted_at = 1 WHERE id IN (SELECT id FROM events WHERE client_id = ? AND deleted_at IS NULL ORDER BY occurred_at DESC LIMIT 3)`,
            )
            .run(id);
      }
      if (round === 1) kit.clock.advance(86_400_000);
    }
  });

  it('evaluateMany leaves out a client that no longer exists and evaluates the others', async () => {
    const kit = await engineKit();
    const ids = seedPractice(kit, 7004, kit.clock.today());
    const gone = '00000000-0000-7000-8000-00000000dead';
    const many = await kit.recs.evaluateMany([ids[4]!, gone, ids[5]!]);
    expect([...many.keys()]).toEqual([ids[4], ids[5]]);
  });
});

function many0(kit: EngineKit, clients: ReturnType<EngineKit['clients']['get']>[]): number {
  const asOf = kit.clock.today();
  const v = practiceVariables(kit.sqlite, kit.targets, [clients[1]!], asOf, kit.clock.now())[0]!;
  return Number(v.features.logging_streak_days);
}
