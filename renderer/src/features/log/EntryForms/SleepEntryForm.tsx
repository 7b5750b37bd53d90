import { Input, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { numberOrNull, type NumberField } from '../../foods/custom-food-values.ts';
import { SaveFooter } from './SaveFooter.tsx';
import { useEntryForm, type EntryFormProps } from './use-entry-form.ts';
import { WhenFields } from './WhenFields.tsx';

const SHOWN = ['hours', 'quality', 'date', 'time'];
const QUALITY = ['1', '2', '3', '4', '5'];

/** Hours slept and the client's rating of the night, 1 (very poor) to 5 (very good). */
export function SleepEntryForm(props: EntryFormProps) {
  const { entry, onCancel } = props;
  const [hours, setHours] = useState<NumberField>(entry?.sleep?.hours ?? '');
  const [quality, setQuality] = useState(String(entry?.sleep?.quality ?? 3));
  const state = useEntryForm(props);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    await state.save({
      kind: 'sleep',
      hours: numberOrNull(hours) ?? Number.NaN,
      quality: Number(quality),
    });
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="log-sleep-form">
      <Stack gap="sm">
        <NumberInput
          label="Hours slept"
          min={0}
          step={0.5}
          decimalScale={2}
          clampBehavior="none"
          value={hours}
          onChange={setHours}
          error={state.errors.hours}
          data-testid="log-sleep-hours"
          data-autofocus
        />
        <Input.Wrapper label="Sleep quality" description="1 = very poor, 5 = very good" error={state.errors.quality}>
          <div>
            <SegmentedControl
              aria-label="Sleep quality from 1 (very poor) to 5 (very good)"
              data={QUALITY}
              value={quality}
              onChange={setQuality}
              data-testid="log-sleep-quality"
              mt={4}
            />
          </div>
        </Input.Wrapper>
        <Text size="xs" c="dimmed">
          Log the night on the date the client woke up.
        </Text>
        <WhenFields {...state.when} errors={state.errors} />
        <SaveFooter state={state} onCancel={onCancel} shown={SHOWN} />
      </Stack>
    </form>
  );
}
