import { ARCHETYPES, archetypeInput } from '../core/plans/generator/archetypes.ts';
import {
  closePlanGenerator,
  generatePlan,
  greedyPlan,
  loadCuratedPool,
  warmUpPlanGenerator,
} from '../core/plans/generator/index.ts';
import { fmtMs, QUICK } from './lib.ts';

/**
 * Meal-plan generation: a 7-day plan for each of three archetypes (pregnant vegetarian with a peanut
 * allergy; hypertensive omnivore man; vegan endurance athlete), targets from the app's own target code.
 * The optimiser (HiGHS, one MIP a day in its worker thread, as the app runs it) against the greedy
 * baseline in the same run: time (wall, and the process's CPU time, so load from other work on the
 * machine can be told from the solver's cost), the share of day × target inside the dashboard's range,
 * and the distinct foods of the week. Goals: under 5 s for 7 days, at least 95 % in range.
 * BENCH_QUICK=1: 2-day plans.
 */
const DAYS = QUICK ? 2 : 7;

function cpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}

export async function run(): Promise<void> {
  process.stdout.write(`\n## Meal plans: ${DAYS}-day plan per archetype, optimiser vs greedy baseline\n`);
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  // The app keeps the generator's thread between plans; its start (thread, WebAssembly compile, one
  // warm-up day) is paid once and shown on its own.
  const w0 = performance.now();
  const wc = process.cpuUsage();
  await warmUpPlanGenerator();
  loadCuratedPool(); // the greedy baseline's one read of the pool, not counted against it
  process.stdout.write(
    `  generator start (once per app session): ${fmtMs(performance.now() - w0)} wall, ${fmtMs(cpuMs(wc))} CPU\n`,
  );
  let worstMs = 0;
  let worstShare = 1;
  let sumShare = 0;
  for (const a of ARCHETYPES) {
    const input = archetypeInput(a, DAYS, 1);

    const g0 = performance.now();
    const c0 = process.cpuUsage();
    const greedy = greedyPlan(input);
    const gCpu = cpuMs(c0);
    const gMs = performance.now() - g0;

    const t0 = performance.now();
    const c1 = process.cpuUsage();
    const out = await generatePlan(input, {});
    const cpu = cpuMs(c1);
    const ms = performance.now() - t0;
    if (out.cancelled || out.entries.length === 0) throw new Error(`${a.name}: no plan came back`);

    const foods = new Set(out.entries.map((e) => e.foodId)).size;
    const gFoods = new Set(greedy.entries.map((e) => e.foodId)).size;
    worstMs = Math.max(worstMs, ms);
    worstShare = Math.min(worstShare, out.inRange);
    sumShare += out.inRange;
    process.stdout.write(
      `  ${a.name}\n` +
        `    optimiser  ${fmtMs(ms).padStart(9)} wall, ${fmtMs(cpu).padStart(9)} CPU   in range ${pct(out.inRange).padStart(7)}   ${foods} distinct foods\n` +
        `    greedy     ${fmtMs(gMs).padStart(9)} wall, ${fmtMs(gCpu).padStart(9)} CPU   in range ${pct(greedy.inRange).padStart(7)}   ${gFoods} distinct foods\n` +
        `    ratios     time ${(ms / gMs).toFixed(0)}×, in range ${(out.inRange / Math.max(greedy.inRange, 1e-9)).toFixed(2)}×, foods ${(foods / Math.max(gFoods, 1)).toFixed(2)}×\n` +
        (out.unmet.length
          ? out.unmet.map((u) => `    unmet      ${u.key} (days ${u.days.join(',')}): ${u.reason}\n`).join('')
          : ''),
    );
  }
  await closePlanGenerator();
  process.stdout.write(
    `  goals: slowest ${fmtMs(worstMs)} for ${DAYS} days (goal < 5 s for 7 days${DAYS === 7 ? `: ratio ${(worstMs / 5000).toFixed(2)}×` : ''}), ` +
      `lowest in range ${pct(worstShare)}, mean ${pct(sumShare / ARCHETYPES.length)} (goal ≥ 95 %)\n`,
  );
}
