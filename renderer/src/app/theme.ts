// Modal only for its theme defaults; dialogs themselves use AppModal.
/* eslint-disable @typescript-eslint/no-restricted-imports */
import {
  createTheme,
  darken,
  Drawer,
  DEFAULT_THEME,
  luminance,
  Modal,
  Skeleton,
  type CSSVariablesResolver,
  type MantineThemeOverride,
} from '@mantine/core';
/* eslint-enable @typescript-eslint/no-restricted-imports */

/** The app's Mantine theme: a calm teal, system fonts (no web fonts to load under the CSP). */
export const theme: MantineThemeOverride = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif' },
  focusRing: 'auto',
  components: {
    // Modal and drawer close buttons are icon-only: give them a name (axe: button-name).
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // Several skeletons carry an aria-label ("Loading the day"); a plain div may not (axe:
    // aria-prohibited-attr), a status region may, and it is what a loading placeholder is.
    Skeleton: Skeleton.extend({ defaultProps: { role: 'status' } }),
  },
});

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The colour's darkest shade, darkened further until text in it reaches 4.6:1 on its light tints
 * (the light variant's background and hover background), and white text on it does too.
 */
function strong(shades: readonly string[]): string {
  const light = shades[1] ?? '#ffffff';
  let c = shades[9] ?? '#000000';
  for (let i = 0; i < 20 && (contrast(c, light) < 4.6 || contrast(c, '#ffffff') < 4.6); i++) c = darken(c, 0.05);
  return c;
}

/**
 * WCAG 2 AA contrast (4.5:1 for normal text) in the light scheme, checked by axe in e2e/a11y.spec.ts.
 * Mantine's defaults miss it: dimmed text is gray 6 (3.3:1 on white), filled buttons put white on
 * shade 6 (2.6:1 for teal), and light badges put shade 9 on shade 1 (2.7:1 for yellow). Here every
 * colour's filled, outline, text and light-variant text use a shade that reaches 4.6:1 on white and
 * on its light tints, light variants sit on that tint, and dimmed text is a darker grey
 * (5.8:1 on gray 0). The dark scheme keeps Mantine's values.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': 'var(--mantine-color-red-strong)',
    '--mantine-color-anchor': 'var(--mantine-color-teal-strong)',
  };
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
    if (name === 'dark') continue;
    const s = strong(shades);
    light[`--mantine-color-${name}-strong`] = s;
    light[`--mantine-color-${name}-filled`] = s;
    light[`--mantine-color-${name}-filled-hover`] = darken(s, 0.15);
    light[`--mantine-color-${name}-text`] = s;
    light[`--mantine-color-${name}-outline`] = s;
    light[`--mantine-color-${name}-light`] = `var(--mantine-color-${name}-0)`;
    light[`--mantine-color-${name}-light-hover`] = `var(--mantine-color-${name}-1)`;
    light[`--mantine-color-${name}-light-color`] = s;
  }
  return { variables: {}, light, dark: {} };
};
