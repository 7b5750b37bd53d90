import { useComputedColorScheme, useMantineTheme } from '@mantine/core';

export interface ChartColors {
  primary: string;
  mean7: string;
  mean30: string;
  target: string;
  grid: string;
  axis: string;
  tooltipBg: string;
  tooltipBorder: string;
  text: string;
  protein: string;
  carb: string;
  fat: string;
  activity: string;
  sleep: string;
}

/** Chart colours from the Mantine palette, lighter shades in dark mode so lines stay legible. */
export function useChartColors(): ChartColors {
  const theme = useMantineTheme();
  const dark = useComputedColorScheme('light') === 'dark';
  const c = theme.colors;
  const shade = dark ? 4 : 7;
  return {
    primary: c.teal[shade] ?? '#0ca678',
    mean7: c.orange[shade] ?? '#f76707',
    mean30: c.violet[shade] ?? '#7048e8',
    target: dark ? (c.red[4] ?? '#ff8787') : (c.red[8] ?? '#e03131'),
    grid: dark ? (c.dark[4] ?? '#424242') : (c.gray[3] ?? '#dee2e6'),
    axis: dark ? (c.dark[1] ?? '#b8b8b8') : (c.gray[7] ?? '#495057'),
    tooltipBg: dark ? (c.dark[7] ?? '#1f1f1f') : '#ffffff',
    tooltipBorder: dark ? (c.dark[4] ?? '#424242') : (c.gray[3] ?? '#dee2e6'),
    text: dark ? (c.dark[0] ?? '#c9c9c9') : (c.gray[9] ?? '#212529'),
    protein: c.blue[shade] ?? '#1c7ed6',
    carb: c.yellow[dark ? 4 : 8] ?? '#f08c00',
    fat: c.pink[shade] ?? '#d6336c',
    activity: c.teal[shade] ?? '#0ca678',
    sleep: c.indigo[shade] ?? '#4263eb',
  };
}
