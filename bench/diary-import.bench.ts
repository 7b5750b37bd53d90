import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../core/app.ts';
import { pickFood } from '../core/foods/food-match.ts';
import { searchFoods } from '../core/foods/search.ts';
import { parseCronometer } from '../core/log/diary-import/formats.ts';
import { silentLogger } from '../core/logging/log.ts';
import { fmtMs, median, report, sized } from './lib.ts';

/**
 * A client's three months of Cronometer servings (about 20 rows a day from a pool of 40 foods, half of
 * them USDA names the database matches, half made up): reading the file alone (the baseline), matching
 * every row with no cache (one food search per row), the preview (each name and amount matched once,
 * plus the look-up of rows imported before), the import in one transaction, and a re-import that finds
 * every row stored. Medians of wall and CPU time.
 */
const USDA = [
  ['Bananas, raw', '1.00 medium'],
  ['Egg, whole, raw, fresh', '50.00 g'],
  ['Apples, raw, with skin', '182.00 g'],
  ['Milk, whole, 3.25% milkfat, with added vitamin D', '244.00 g'],
  ['Bread, whole-wheat, commercially prepared', '32.00 g'],
  ['Rice, white, long-grain, regular, enriched, cooked', '158.00 g'],
  ['Broccoli, raw', '91.00 g'],
  ['Carrots, raw', '61.00 g'],
  ['Oranges, raw, all commercial varieties', '131.00 g'],
  ['Yogurt, plain, whole milk', '245.00 g'],
];

function servings(days: number, perDay: number): string {
  const names: [string, string][] = [...USDA.map((u) => [u[0], u[1]] as [string, string])];
  for (let i = 0; names.length < 40; i++) names.push([`Fictional dish ${i + 1}`, '1.00 serving']);
  const groups = ['Breakfast', 'Lunch', 'Dinner', 'Snacks'];
  const lines = ['Day,Time,Group,Food Name,Amount,Energy (kcal),Protein (g),Carbs (g),Fat (g),Fiber (g),Sodium (mg)'];
  const start = Date.UTC(2026, 0, 1);
  for (let d = 0; d < days; d++) {
    const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (let k = 0; k < perDay; k++) {
      const [name, amount] = names[(d * 7 + k * 3) % names.length] ?? ['x', '1.00 g'];
      const hour = 7 + Math.floor((k * 14) / perDay);
      lines.push(
        `${day},${((hour + 11) % 12) + 1}:${String((k * 7) % 60).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'},${groups[k % 4]},"${name}",${amount},${100 + k},5,12,3,2,80`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.message}`);
  return r.data as T;
}

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function measure(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  const c0 = cpu();
  const t0 = performance.now();
  await fn();
  return { wall: performance.now() - t0, cpu: cpu() - c0 };
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-diary-'));
  const core = createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: { N: 2 ** 12, r: 8, p: 1 } });
  try {
    await call(core, 'session.setup', { passphrase: 'benchmark passphrase' });
    await call(core, 'foods.search', { query: 'warm-up', limit: 1 });
    const days = sized(90, 7);
    const csv = servings(days, 20);
    const bytes = new TextEncoder().encode(csv);
    const runs = sized(5, 1);
    const rows = parseCronometer(bytes, 'servings.csv').rows;
    const { sqlite } = core.session.database();
    const steps: Record<string, { wall: number[]; cpu: number[] }> = {};
    const add = (name: string, m: { wall: number; cpu: number }): void => {
      const s = (steps[name] ??= { wall: [], cpu: [] });
      s.wall.push(m.wall);
      s.cpu.push(m.cpu);
    };
    for (let r = 0; r < runs; r++) {
      const client = await call<{ id: string }>(core, 'clients.create', {
        name: `Bench Diary ${r}`,
        sex: 'female',
        birthDate: '1990-01-01',
        heightCm: 165,
        weightKg: 60,
        activityLevel: 'active',
      });
      const upload = {
        clientId: client.id,
        format: 'cronometer',
        fileName: 'servings.csv',
        dataBase64: Buffer.from(bytes).toString('base64'),
      };
      add('read the file (baseline)', await measure(() => parseCronometer(bytes, 'servings.csv')));
      add(
        'match every row, no cache',
        await measure(() =>
          rows.map((row) =>
            pickFood(row.name, searchFoods(sqlite, { query: row.name, clientId: client.id, limit: 10 })),
          ),
        ),
      );
      add('preview (each name matched once)', await measure(() => call(core, 'log.diaryPreview', upload)));
      add('import, one transaction', await measure(() => call(core, 'log.diaryImport', upload)));
      add('re-import (every row already stored)', await measure(() => call(core, 'log.diaryImport', upload)));
    }
    const base = steps['read the file (baseline)'];
    const baseWall = median(base?.wall ?? [1]);
    const baseCpu = median(base?.cpu ?? [1]);
    report(
      `Diary import: ${rows.length.toLocaleString('en')} Cronometer rows (${days} days), median of ${runs}; wall time, then CPU`,
      Object.entries(steps).flatMap(([name, s]) => [
        { name: `${name}, wall`, ms: median(s.wall), baseline: baseWall },
        { name: `${name}, CPU`, ms: median(s.cpu), baseline: baseCpu },
      ]),
    );
    process.stdout.write(`  load average ${os.loadavg()[0]?.toFixed(1)} (${fmtMs(baseWall)} to read the file)\n`);
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
