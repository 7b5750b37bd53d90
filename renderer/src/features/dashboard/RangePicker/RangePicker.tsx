import { Group, TextInput } from '@mantine/core';
import { LabelledSegments } from '../../../components/LabelledSegments/LabelledSegments.tsx';
import { RANGE_PRESETS, rangeProblem } from '../../../lib/dates.ts';

export type RangeChoice = { preset: (typeof RANGE_PRESETS)[number] } | { preset: 'custom'; from: string; to: string };

interface RangePickerProps {
  choice: RangeChoice;
  /** The range in force (the preset's, computed from the chosen day). */
  from: string;
  to: string;
  onChange: (choice: RangeChoice) => void;
}

/** Trends range: last 7 / 30 / 90 days up to the chosen day, or any from–to. */
export function RangePicker({ choice, from, to, onChange }: RangePickerProps): React.JSX.Element {
  const problem = choice.preset === 'custom' ? rangeProblem(choice.from, choice.to) : null;
  return (
    <Group gap="sm" align="flex-end">
      <LabelledSegments
        label="Trends over"
        labelId="dashboard-range-label"
        data={[
          ...RANGE_PRESETS.map((p) => ({ value: String(p), label: `${p} days` })),
          { value: 'custom', label: 'Custom' },
        ]}
        value={String(choice.preset)}
        onChange={(v) => {
          const preset = RANGE_PRESETS.find((p) => String(p) === v);
          onChange(preset ? { preset } : { preset: 'custom', from, to });
        }}
        data-testid="dashboard-range"
      />
      <TextInput
        label="From"
        type="date"
        value={choice.preset === 'custom' ? choice.from : from}
        onChange={(e) =>
          onChange({ preset: 'custom', from: e.currentTarget.value, to: choice.preset === 'custom' ? choice.to : to })
        }
        error={problem ?? undefined}
        data-testid="dashboard-from"
        w={170}
      />
      <TextInput
        label="To"
        type="date"
        value={choice.preset === 'custom' ? choice.to : to}
        onChange={(e) =>
          onChange({
            preset: 'custom',
            from: choice.preset === 'custom' ? choice.from : from,
            to: e.currentTarget.value,
          })
        }
        data-testid="dashboard-to"
        w={170}
      />
    </Group>
  );
}
