import { afterEach } from 'vitest';
import type { Core } from '../app.ts';
import { createServices, type Services } from '../services.ts';
import { silentLogger } from '../logging/log.ts';
import { createVisionRuntime } from '../photos/vision-runtime.ts';
import { createChromiumPdfRenderer } from '../reports/pdf-chromium.ts';
import { createRuleEvaluator, type RuleEvaluator } from '../rules/evaluator.ts';
import type { Clock } from '../util/clock.ts';
import { fixedClock } from './core-harness.ts';
import { tempDir } from './temp-dir.ts';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

/**
 * The real services over a core's unlocked database (the same ones the handlers build), for tests
 * that call a service directly, with the rule worker they evaluate in. Printing starts only if a test
 * exports a PDF. Closed after each test.
 */
export function servicesOf(
  core: Core,
  options: { clock?: Clock; dataDir?: string } = {},
): Services & { ruleWorker: RuleEvaluator } {
  const vision = createVisionRuntime({ customDir: tempDir(), log: silentLogger });
  const ruleWorker = createRuleEvaluator({ log: silentLogger });
  const s = createServices(core.session.database(), {
    pdf: () => createChromiumPdfRenderer(),
    host: 'cli',
    clock: options.clock ?? fixedClock(),
    emit: () => undefined,
    vision,
    ruleWorker,
    log: silentLogger,
    dataDir: options.dataDir ?? tempDir(),
  });
  closers.push(() => {
    s.rules.close();
    s.recommendations.dispose();
    void vision.close();
    void ruleWorker.close();
  });
  return Object.assign(s, { ruleWorker });
}
