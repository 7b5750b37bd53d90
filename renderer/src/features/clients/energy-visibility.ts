import { createContext, createElement, useContext, type ReactNode } from 'react';

/**
 * Eating-disorder-sensitive care on the screens of one client: when it is on (and the practitioner has
 * not chosen, in Settings, to see energy figures themselves), no view of that client shows an energy
 * figure: no energy row on the dashboard or the targets, no energy chart, no kcal per log entry, per
 * photo item or per food in the picker, no kcal burned. Everything else is shown as usual.
 * Recommendations and reports strip energy in the core, where they are read and printed.
 */
const EnergyHidden = createContext(false);

export function EnergyVisibility({ hidden, children }: { hidden: boolean; children: ReactNode }): React.JSX.Element {
  return createElement(EnergyHidden.Provider, { value: hidden }, children);
}

/** True when the current client's views must show no energy figure. */
export function useEnergyHidden(): boolean {
  return useContext(EnergyHidden);
}

/** Whether a client's views hide energy: ED-sensitive care, unless the practitioner chose to see it. */
export function hidesEnergy(client: { edSensitive: boolean }, settings: { edShowEnergyToMe: boolean } | null): boolean {
  return client.edSensitive && !(settings?.edShowEnergyToMe ?? false);
}

/** A number with an energy unit ("1,717 kcal", "per 1000 kcal", "8,400 kJ"). */
const ENERGY_FIGURE = /(?:\bper\s+)?\d[\d,.]*\s*(?:kcal|kilocalories?|calories?|cals?|kj|kilojoules?)\b/gi;

/**
 * A text without its energy figures, for a client whose views hide energy: "IOM 2005 AI, 14 g per
 * 1000 kcal of 1717 kcal" → "IOM 2005 AI, 14 g relative to energy". Other numbers stay.
 */
export function withoutEnergyFigures(text: string): string {
  return text
    .replace(ENERGY_FIGURE, (m) => (/^per\b/i.test(m) ? 'relative to energy' : ''))
    .replace(/\s+of\s*(?=[,;)]|$)/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([,.;:)])/g, '$1')
    .trim();
}
