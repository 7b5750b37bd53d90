import { Select, type SelectProps } from '@mantine/core';
import type { KeyboardEvent } from 'react';

/**
 * A Select for a fixed set of choices: type part of a label and press Enter, or click an option.
 *
 * Mantine's Enter handling reads a highlighted-option index that a zero-delay timer, started when the
 * dropdown opens on focus, can reset after a very fast edit (a paste, an autofill, a test's `fill`):
 * the option then looks highlighted but Enter submits the surrounding form instead. So Enter picks the
 * highlighted option from the DOM whenever the list is open.
 */
export function ChoiceSelect<Value extends string>({ onKeyDown, ...props }: SelectProps<Value>): React.JSX.Element {
  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    onKeyDown?.(event);
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const listId = event.currentTarget.getAttribute('aria-controls');
    const list = listId ? document.getElementById(listId) : null;
    const highlighted = list?.querySelector<HTMLElement>('[data-combobox-option][data-combobox-selected]');
    if (!highlighted) return;
    event.preventDefault();
    highlighted.click();
  };

  return (
    <Select<Value> searchable selectFirstOptionOnChange allowDeselect={false} {...props} onKeyDown={handleKeyDown} />
  );
}
