import { Button, Menu, ScrollArea } from '@mantine/core';
import { dayNumbers } from '../plan-text.ts';

interface DayMenuProps {
  label: string;
  days: number;
  /** The day copied from (not offered). */
  from: number;
  onPick: (day: number) => void;
  disabled?: boolean;
  loading?: boolean;
  testId: string;
}

/** A button opening the plan's other days, for "copy to day …". */
export function DayMenu({ label, days, from, onPick, disabled, loading, testId }: DayMenuProps): React.JSX.Element {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs" disabled={disabled || days < 2} loading={loading} data-testid={testId}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <ScrollArea.Autosize mah={280}>
          {dayNumbers(days)
            .filter((d) => d !== from)
            .map((d) => (
              <Menu.Item key={d} onClick={() => onPick(d)} data-testid={`${testId}-${d}`}>
                Day {d}
              </Menu.Item>
            ))}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}
