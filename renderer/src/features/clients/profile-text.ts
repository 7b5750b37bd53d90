import type { Client } from '@contract/clients.ts';
import { formatNumber } from '../../lib/format.ts';
import { CONDITION_LABELS, GOAL_LABELS } from '../../lib/labels.ts';

/** The default weekly rate of a loss or gain goal (core/targets/adjustments.ts DEFAULT_GOAL_RATE_KG_WEEK). */
const DEFAULT_RATE_KG_WEEK = 0.5;

/** "Weight loss (0.25 kg a week)", "Weight gain (0.5 kg a week, the default)", "Sport". */
export function goalText(client: Pick<Client, 'goal' | 'goalRateKgWeek'>): string {
  const label = GOAL_LABELS[client.goal];
  if (client.goal !== 'loss' && client.goal !== 'gain') return label;
  const rate = client.goalRateKgWeek;
  return rate === null
    ? `${label} (${formatNumber(DEFAULT_RATE_KG_WEEK, 2)} kg a week, the default)`
    : `${label} (${formatNumber(rate, 2)} kg a week)`;
}

/** "Hypertension, Chronic kidney disease (stage 3)"; "None recorded". */
export function conditionsText(client: Pick<Client, 'conditions' | 'ckdStage'>): string {
  if (client.conditions.length === 0) return 'None recorded';
  return client.conditions
    .map((c) => {
      if (c !== 'chronic-kidney-disease') return CONDITION_LABELS[c];
      return `${CONDITION_LABELS[c]} (${client.ckdStage === null ? 'stage not recorded' : `stage ${client.ckdStage}`})`;
    })
    .join(', ');
}
