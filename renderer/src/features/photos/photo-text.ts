import { formatIsoDate, formatNumber } from '../../lib/format.ts';
import { MEAL_LABELS, type Meal } from '../../lib/labels.ts';

export const NOTHING_FOUND_TEXT =
  'No foods were recognised in this photo. The detector knows only ten foods (banana, apple, sandwich, orange, ' +
  'broccoli, carrot, hot dog, pizza, donut, cake); add the foods by hand.';

export interface BatchCounts {
  total: number;
  /** Analysed, whether it worked or not. */
  settled: number;
  failed: number;
  running: boolean;
  cancelled: boolean;
}

const photos = (n: number): string => `${formatNumber(n, 0)} ${n === 1 ? 'photo' : 'photos'}`;

/** "Analysing 3 of 12…", "Analysed 12 photos.", "Analysed 10 of 12 photos; 2 could not be read.", "Cancelled …". */
export function progressText(c: BatchCounts): string {
  if (c.running)
    return `Analysing ${formatNumber(Math.min(c.settled + 1, c.total), 0)} of ${formatNumber(c.total, 0)}…`;
  const ok = c.settled - c.failed;
  const failed = c.failed > 0 ? `; ${formatNumber(c.failed, 0)} could not be read` : '';
  if (c.cancelled && c.settled < c.total) {
    return `Cancelled: ${formatNumber(ok, 0)} of ${photos(c.total)} analysed${failed}.`;
  }
  if (c.failed === 0) return `Analysed ${photos(c.total)}.`;
  return `Analysed ${formatNumber(ok, 0)} of ${photos(c.total)}${failed}.`;
}

/** Percent for the progress bar (0 with nothing to do). */
export function progressPercent(c: BatchCounts): number {
  return c.total === 0 ? 0 : Math.round((c.settled / c.total) * 100);
}

const PROVIDER_NAMES: Record<string, string> = {
  cpu: 'CPU',
  cuda: 'an NVIDIA GPU (CUDA)',
  tensorrt: 'an NVIDIA GPU (TensorRT)',
  dml: 'the GPU (DirectML)',
  directml: 'the GPU (DirectML)',
  coreml: 'Apple Core ML',
  webgpu: 'the GPU (WebGPU)',
  openvino: 'OpenVINO',
  rocm: 'an AMD GPU (ROCm)',
  migraphx: 'an AMD GPU (MIGraphX)',
  qnn: 'the NPU (QNN)',
};

/** An ONNX Runtime execution provider in words: 'cpu' or 'CPUExecutionProvider' → "CPU". */
export function providerName(provider: string): string {
  const key = provider
    .toLowerCase()
    .replace(/executionprovider$/, '')
    .trim();
  return PROVIDER_NAMES[key] ?? provider;
}

/** "Analysed on CPU in 140 ms" (seconds from 10 s on). */
export function analysisText(provider: string, totalMs: number): string {
  const time =
    totalMs >= 10_000 ? `${formatNumber(totalMs / 1000, 1)} s` : `${formatNumber(Math.round(totalMs), 0)} ms`;
  return `Analysed on ${providerName(provider)} in ${time}`;
}

/** A 0–1 confidence as "87 %". */
export function percentText(confidence: number): string {
  return `${formatNumber(Math.round(Math.min(Math.max(confidence, 0), 1) * 100), 0)} %`;
}

/** "Saved 3 items to Lunch on Nov 25, 2025" / "Saved 1 item on Nov 25, 2025" (no meal). */
export function savedText(count: number, meal: Meal | null, date: string): string {
  const items = `${formatNumber(count, 0)} ${count === 1 ? 'item' : 'items'}`;
  return meal
    ? `Saved ${items} to ${MEAL_LABELS[meal]} on ${formatIsoDate(date)}`
    : `Saved ${items} on ${formatIsoDate(date)}`;
}

/**
 * The class name kept with a reviewed item for dataset export. A detected item whose food was not
 * changed keeps the detector's class; otherwise the food's name up to its first comma, in lower case
 * ("Apples, raw, with skin" → "apples").
 */
export function itemLabel(
  detectedLabel: string | null,
  detectedFoodId: string | null,
  foodId: string,
  foodName: string,
): string {
  if (detectedLabel && detectedFoodId === foodId) return detectedLabel;
  const head = foodName.split(',')[0]?.trim().toLowerCase() ?? '';
  return (head || foodName.trim().toLowerCase() || 'food').slice(0, 100);
}

/**
 * How the core reached a proposed amount, as a phrase: stored analyses from before the basis was written
 * out say 'plate reference' or 'default portion'; newer ones carry the whole sentence.
 */
export function portionBasisText(basis: string | null): string | null {
  if (!basis) return null;
  if (basis === 'plate reference') return 'amount estimated from a size reference';
  if (basis === 'default portion') return 'default portion, no size reference used';
  return basis;
}

/** The detector's class as a food name a person reads: "hot dog" → "Hot dog". */
export function classLabelText(label: string): string {
  const t = label.trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** Leading words of USDA names that say where a food comes from, not what it is ("Fast Food, Pizza Chain, …"). */
const GENERIC_HEADS = /^(fast foods?|restaurant|babyfood)$/i;

/** A food's name short enough for a caption: its first informative part ("Apples, raw" → "Apples"). */
export function shortFoodName(name: string): string {
  const parts = name
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.find((p) => !GENERIC_HEADS.test(p)) ?? parts[0] ?? name;
}

/** "plausible 290–550 g" */
export function rangeText(range: { low: number; high: number } | null): string | null {
  return range ? `plausible ${formatNumber(range.low, 0)}–${formatNumber(range.high, 0)} g` : null;
}

/** The proposed amount: "3 × medium (131 g) = 395 g", "about 105 g", or "no amount proposed". */
export function proposalText(d: {
  grams: number | null;
  count: number | null;
  measure: { name: string; grams: number } | null;
}): string {
  if (d.grams === null) return 'no amount proposed';
  const g = `${formatNumber(d.grams, 0)} g`;
  if (d.count !== null && d.measure)
    return `${formatNumber(d.count, 0)} × ${d.measure.name} (${formatNumber(d.measure.grams, 0)} g) = ${g}`;
  return `about ${g}`;
}
