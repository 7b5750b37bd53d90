import { Stack } from '@mantine/core';
import { useState } from 'react';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { formatIsoDate } from '../../../lib/format.ts';
import { MEAL_LABELS, optionsFrom, type Meal } from '../../../lib/labels.ts';
import { useMutation } from '../../../lib/query.ts';
import { LOG_DATA } from '../../../lib/use-query-events.ts';
import {
  CopyFooter,
  CopyFutureAlert,
  CopyRangeFields,
  CopyRangeSummary,
  coversSource,
  useCopyRange,
} from '../CopyTarget/CopyTarget.tsx';
type MealChoice = Meal | 'none';
const MEAL_OPTIONS = [...optionsFrom(MEAL_LABELS), { value: 'none' as const, label: 'No meal' }];

export interface CopiedMeal {
  copied: number;
  to: string;
  until: string;
}

interface CopyMealModalProps {
  /** The meal to copy (null: the food entries without a meal); the dialog is open while there is one. */
  source: { meal: Meal | null; title: string } | null;
  clientId: string;
  from: string;
  onClose: () => void;
  onCopied: (copied: CopiedMeal) => void;
}

/** Copies one meal of a day to another day (or each day of a range) and meal. */
export function CopyMealModal(props: CopyMealModalProps): React.JSX.Element {
  const { source } = props;
  return (
    <AppModal
      opened={source !== null}
      onClose={props.onClose}
      title={source ? `Copy ${source.title.toLowerCase()} of ${formatIsoDate(props.from)}` : ''}
    >
      {source && <CopyMealForm key={`${props.from}-${source.meal}`} {...props} meal={source.meal} />}
    </AppModal>
  );
}

function CopyMealForm({
  clientId,
  from,
  meal,
  onClose,
  onCopied,
}: CopyMealModalProps & { meal: Meal | null }): React.JSX.Element {
  const range = useCopyRange(from);
  const [toMeal, setToMeal] = useState<MealChoice>(meal ?? 'none');
  const target = toMeal === 'none' ? null : toMeal;
  const problem =
    range.problem ??
    (target === meal && coversSource(range, from) ? 'Choose another day or meal than the one copied.' : null);
  const copyMeal = useMutation('log.copyMeal', { invalidates: LOG_DATA });

  const run = async (allergyConfirmation: { reason: string } | null): Promise<void> => {
    const result = await copyMeal.run({
      clientId,
      from,
      meal,
      to: range.to,
      toMeal: target,
      ...range.untilParam,
      allergyConfirmation,
    });
    onCopied({ copied: result.copied, to: range.to, until: range.last });
  };

  return (
    <Stack gap="sm" data-testid="log-copy-meal-dialog">
      <CopyRangeFields range={range} testId="log-copy-meal" />
      <ChoiceSelect<MealChoice>
        label="As meal"
        data={MEAL_OPTIONS}
        value={toMeal}
        onChange={(v) => v && setToMeal(v)}
        data-testid="log-copy-meal-meal"
      />
      {range.future && !problem && <CopyFutureAlert range={range} testId="log-copy-meal" />}
      <CopyRangeSummary range={range} what="food entries" />
      <CopyFooter problem={problem} run={run} onClose={onClose} testId="log-copy-meal" />
    </Stack>
  );
}
