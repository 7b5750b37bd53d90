import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/app.ts';
import { createServices } from '../core/services.ts';
import { ReportRequest } from '../core/contract/reports.ts';
import { silentLogger } from '../core/logging/log.ts';
import { createVisionRuntime } from '../core/photos/vision-runtime.ts';
import { createChromiumPdfRenderer } from '../core/reports/pdf-chromium.ts';
import { createReportsService } from '../core/reports/reports-service.ts';
import { createRuleEvaluator } from '../core/rules/evaluator.ts';
import { chromiumLaunchOptions, chromiumPath, printerChromiumPath } from '../core/util/chromium.ts';
import { systemClock } from '../core/util/clock.ts';
import { PICTURES } from '../core/vision/testing/fixtures.ts';
import { fmtMs, median, QUICK, sized } from './lib.ts';

/**
 * A full client report (every section) to PDF for a client with 90 days × 6 diet entries and 30 saved
 * meal photos, through real headless Chromium. Two cold exports: the first in a fresh process (the rule
 * engine's worker and the browser both start), then one after the browser was closed, as in the app,
 * where the client's page has already listed the recommendations (its rule engine is running) and the
 * printer's browser closes after an idle while; warm: median of 3 exports with the browser running. Baselines from the same run: a bare Chromium launch
 * (cold's ratio) and a one-line page printed by a running Chromium (warm's ratio). Peak RSS is this Node process only; Chromium
 * runs in its own processes, whose resident memory is summed from /proc where there is one.
 */

const DAYS = sized(90, 14);
const PER_DAY = sized(6, 3);
const PHOTOS = sized(30, 4);
const RUNS = sized(3, 1);

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.message}`);
  return r.data as T;
}

/** Resident memory of this process's descendants (Chromium's browser, GPU, renderer processes), in bytes. */
function childrenRss(): number | null {
  if (process.platform !== 'linux') return null;
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      rss.set(Number(name), Number(fields[21]) * 4096);
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        total += bytes;
        break;
      }
    }
  }
  return total;
}

function seedLog(core: Core, clientId: string, to: string): void {
  const { sqlite } = core.session.database();
  const insert = sqlite.prepare(
    `INSERT INTO events (id, client_id, kind, occurred_at, local_date, source, energy_kcal, protein_g, carb_g, fat_g, fibre_g, sodium_mg, detail, created_at, updated_at)
     VALUES (?, ?, 'diet', ?, ?, 'import', ?, ?, ?, ?, ?, ?, '{}', ?, ?)`,
  );
  const end = Date.parse(`${to}T00:00:00Z`);
  let n = 0;
  sqlite.transaction(() => {
    for (let d = DAYS - 1; d >= 0; d--) {
      const dayMs = end - d * 86_400_000;
      const day = new Date(dayMs).toISOString().slice(0, 10);
      for (let k = 0; k < PER_DAY; k++) {
        const t = dayMs + (7 + k * 2) * 3_600_000;
        n++;
        insert.run(`bench-report-${n}`, clientId, t, day, 250 + ((n * 37) % 300), 18, 45, 14, 5, 500, t, t);
      }
    }
  })();
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-bench-report-'));
  const core = createCore({ dataDir, host: 'cli', log: silentLogger, scrypt: { N: 2 ** 12, r: 8, p: 1 } });
  const vision = createVisionRuntime({ customDir: path.join(dataDir, 'models'), log: silentLogger });
  const ruleWorker = createRuleEvaluator({ log: silentLogger });
  const renderer = createChromiumPdfRenderer();
  try {
    await call(core, 'session.setup', { passphrase: 'benchmark passphrase' });
    await call(core, 'settings.update', { practitionerName: 'Bench Practitioner, RD' });
    const client = await call<{ id: string }>(core, 'clients.create', {
      name: 'Bench Report Client',
      sex: 'female',
      birthDate: '1985-01-01',
      heightCm: 165,
      weightKg: 62,
      activityLevel: 'active',
      notes: 'Goal: steady energy through training days.',
    });
    const to = systemClock.today();
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    seedLog(core, client.id, to);

    // Real photos through the app path: analyse, then save as a meal (dated inside the period).
    const files = fs
      .readdirSync(PICTURES)
      .filter((f) => f.endsWith('.jpeg'))
      .sort()
      .slice(0, PHOTOS);
    for (const [i, file] of files.entries()) {
      const dataBase64 = fs.readFileSync(path.join(PICTURES, file)).toString('base64');
      const a = await call<{
        photoId: string;
        items: { foodId: string | null; grams: number | null; label: string }[];
      }>(core, 'photos.analyze', { clientId: client.id, fileName: file, dataBase64 });
      const found = a.items.filter((it) => it.foodId !== null);
      const items = found.length
        ? found.map((it) => ({ foodId: it.foodId, grams: it.grams ?? 100, label: it.label, origin: 'detected' }))
        : [{ foodId: 'usda:09040', grams: 120, label: 'banana', origin: 'manual' }];
      const date = new Date(Date.parse(`${from}T00:00:00Z`) + i * 3 * 86_400_000).toISOString().slice(0, 10);
      await call(core, 'photos.save', { photoId: a.photoId, date, meal: 'lunch', items, confirm: true });
    }

    const services = createServices(core.session.database(), {
      pdf: () => renderer,
      host: 'cli',
      clock: systemClock,
      emit: () => undefined,
      vision,
      ruleWorker,
      log: silentLogger,
      dataDir,
    });
    // Time spent in each service the report reads, and in the printer, so a cold export's phases show.
    const phases = new Map<string, number>();
    const timed = <T extends object>(name: string, target: T): T =>
      new Proxy(target, {
        get(obj, key, recv) {
          const v = Reflect.get(obj, key, recv) as unknown;
          if (typeof v !== 'function') return v;
          const label = `${name}.${String(key)}`;
          return (...args: unknown[]) => {
            const t1 = performance.now();
            const add = (): void => void phases.set(label, (phases.get(label) ?? 0) + performance.now() - t1);
            const r = (v as (...a: unknown[]) => unknown).apply(obj, args);
            if (r instanceof Promise) return r.finally(add);
            add();
            return r;
          };
        },
      });
    const reports = createReportsService({
      ...services,
      clients: timed('clients', services.clients),
      targets: timed('targets', services.targets),
      dashboard: timed('dashboard', services.dashboard),
      log: timed('log', services.log),
      photos: timed('photos', services.photos),
      recommendations: timed('recommendations', services.recommendations),
      settings: timed('settings', services.settings),
      pdf: timed('printer', renderer),
      now: systemClock.now,
      today: systemClock.today,
    });
    const req = ReportRequest.parse({ clientId: client.id, from, to });

    let peak = process.memoryUsage().rss;
    let chromiumPeak = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const chromiumTimer = setInterval(() => {
      chromiumPeak = Math.max(chromiumPeak, childrenRss() ?? 0);
    }, 100);
    // Baselines from the same run: Chromium's own launch, and a one-line page printed to PDF by a running
    // Chromium (the least any export pays), both through playwright-core as the renderer uses it.
    const { chromium } = await import('playwright-core');
    const baselines = async (executablePath: string): Promise<{ launchMs: number; minimalMs: number[] }> => {
      let t = performance.now();
      const bare = await chromium.launch(chromiumLaunchOptions(executablePath));
      const launchMs = performance.now() - t;
      const minimalMs: number[] = [];
      try {
        for (let i = 0; i <= RUNS; i++) {
          t = performance.now();
          const ctx = await bare.newContext({ javaScriptEnabled: false });
          const page = await ctx.newPage();
          await page.setContent('<p>x</p>', { waitUntil: 'load' });
          await page.pdf({ format: 'A4' });
          await ctx.close();
          if (i > 0) minimalMs.push(performance.now() - t);
        }
      } finally {
        await bare.close();
      }
      return { launchMs, minimalMs };
    };
    const { launchMs, minimalMs } = await baselines(printerChromiumPath());
    // The full browser, for comparison, where the printer is the headless shell (not in quick mode).
    const fullPath = chromiumPath();
    const full =
      !QUICK && fullPath !== printerChromiumPath() && fs.existsSync(fullPath) ? await baselines(fullPath) : null;
    const rssBefore = process.memoryUsage().rss;
    const cpuMs = (since: NodeJS.CpuUsage): number => {
      const u = process.cpuUsage(since);
      return (u.user + u.system) / 1000;
    };
    let cpu0 = process.cpuUsage();
    let t0 = performance.now();
    const first = await reports.export(req);
    const cold = performance.now() - t0;
    const coldCpu = cpuMs(cpu0);
    const coldPhases = [...phases].filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]);
    // The app's own case: the client's page is open (it lists the recommendations, so the rule engine is
    // running) and Chromium is not, as after its idle close: the browser launch is in the export.
    await renderer.close();
    phases.clear();
    cpu0 = process.cpuUsage();
    t0 = performance.now();
    await reports.export(req);
    const coldApp = performance.now() - t0;
    const coldAppCpu = cpuMs(cpu0);
    const coldAppPhases = [...phases].filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const htmlTimes: number[] = [];
    const warmPhases: [string, number][][] = [];
    for (let i = 0; i < RUNS; i++) {
      t0 = performance.now();
      await reports.preview(req);
      htmlTimes.push(performance.now() - t0);
      cpu0 = process.cpuUsage();
      t0 = performance.now();
      phases.clear();
      await reports.export(req);
      times.push(performance.now() - t0);
      warmPhases.push([...phases].filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]));
      cpuTimes.push(cpuMs(cpu0));
    }
    clearInterval(timer);
    clearInterval(chromiumTimer);
    const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MB`;
    const warm = median(times);
    process.stdout.write(
      `\n## Client report to PDF: ${DAYS} days × ${PER_DAY} entries + ${files.length} saved meal photos, all sections, real Chromium\n` +
        `  ${first.pages} pages, ${(first.bytes / 1024).toFixed(0)} KiB; printer ${printerChromiumPath()}\n` +
        `  baseline: Chromium launch alone                       ${fmtMs(launchMs).padStart(9)}\n` +
        `  baseline: one-line page to PDF, Chromium running     ${fmtMs(median(minimalMs)).padStart(9)}\n` +
        (full
          ? `  for comparison, the full browser (${fullPath}): launch ${fmtMs(full.launchMs)}, one-line page ${fmtMs(median(full.minimalMs))}\n`
          : '') +
        `  model + HTML only (preview), median of ${RUNS}            ${fmtMs(median(htmlTimes)).padStart(9)}\n` +
        `  cold: first export in a fresh process (rule engine and browser start)  ${fmtMs(cold).padStart(9)}  ratio ${(cold / launchMs).toFixed(2)}× the launch\n` +
        `    this Node process's CPU time during it ${fmtMs(coldCpu)}; phases (overlapping): ` +
        `${coldPhases.map(([k, ms]) => `${k} ${fmtMs(ms)}`).join(', ')}\n` +
        `  cold: export from the client's page, browser launch included  ${fmtMs(coldApp).padStart(9)}  ratio ${(coldApp / launchMs).toFixed(2)}× the launch  (goal < 2 s)\n` +
        `    this Node process's CPU time during it ${fmtMs(coldAppCpu)}; phases (overlapping): ` +
        `${coldAppPhases.map(([k, ms]) => `${k} ${fmtMs(ms)}`).join(', ')}\n` +
        `  warm: export with Chromium running, median of ${RUNS}     ${fmtMs(warm).padStart(9)}  ratio ${(warm / median(minimalMs)).toFixed(2)}× the one-line page  (goal < 1 s)\n` +
        `    this Node process's CPU time per warm export, median ${fmtMs(median(cpuTimes))}; phases of the last: ` +
        `${(warmPhases.at(-1) ?? []).map(([k, ms]) => `${k} ${fmtMs(ms)}`).join(', ')}\n` +
        `  peak RSS of this Node process ${mb(peak)} (${mb(rssBefore)} before the exports)\n` +
        (chromiumPeak
          ? `  Chromium's own processes (separate from the above): peak ${mb(chromiumPeak)} resident, summed over processes (shared pages counted more than once)\n`
          : `  Chromium's own memory is in its own processes, not counted above\n`),
    );
    services.rules.close();
    services.recommendations.dispose();
  } finally {
    await renderer.close();
    await vision.close();
    await ruleWorker.close();
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
