import { Skeleton, Text } from '@mantine/core';
import { AllergenBadges } from '../../foods/AllergenBadges/AllergenBadges.tsx';
import { FoodPicker } from '../../foods/FoodPicker/FoodPicker.tsx';
import { FoodAmountFields } from './FoodAmountFields.tsx';
import type { FoodAmount } from './use-food-amount.ts';

interface FoodChoiceFieldsProps {
  amount: FoodAmount;
  /** Ranks this client's recent foods first. */
  clientId: string;
  autoFocus: boolean;
  errors: { food?: string | undefined; count?: string | undefined; grams?: string | undefined };
  /** "log" → log-food-search, log-food-option, log-food-allergens, log-amount-…, log-grams. */
  testIdPrefix: string;
  /** Shown under the food's allergens (a warning about the client's allergies). */
  children?: React.ReactNode;
}

/** A food by search, its allergens, and its amount as a household measure or in grams. */
export function FoodChoiceFields(props: FoodChoiceFieldsProps): React.JSX.Element {
  const { amount, errors, testIdPrefix: p } = props;
  const hit = amount.hit;
  const food = amount.food;
  return (
    <>
      <FoodPicker
        label="Food"
        value={hit}
        onChange={amount.choose}
        clientId={props.clientId}
        error={errors.food}
        autoFocus={props.autoFocus}
        testId={`${p}-food-search`}
        optionTestId={`${p}-food-option`}
      />
      {hit && !food && !amount.foodError && <Skeleton height={60} aria-label="Loading the food’s measures" />}
      {food && <AllergenBadges allergens={food.allergens} testId={`${p}-food-allergens`} />}
      {props.children}
      {amount.foodError && (
        <Text size="sm" c="red" role="alert">
          {amount.foodError.message}
        </Text>
      )}
      <FoodAmountFields amount={amount} countError={errors.count} gramsError={errors.grams} testIdPrefix={p} />
    </>
  );
}
