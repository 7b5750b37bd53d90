// The one place the plain dialog is used: every other dialog goes through AppModal.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { Modal, type ModalProps } from '@mantine/core';
import { useLayoutEffect, useRef } from 'react';

/** Input types that take no typing: a box to tick is not where a dialog's first keystroke goes. */
const NOT_TYPED = ['hidden', 'checkbox', 'radio', 'file', 'button', 'submit', 'reset', 'image', 'range', 'color'];

/** A control the user types into or picks with, enabled. */
const FIELD = [
  `input${NOT_TYPED.map((t) => `:not([type="${t}"])`).join('')}:not(:disabled)`,
  'textarea:not(:disabled)',
  'select:not(:disabled)',
  '[contenteditable="true"]',
].join(', ');

/** The first field in `root` that is shown and reachable with Tab, or null when it has none. */
export function firstField(root: HTMLElement): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>(FIELD)) {
    if (el.closest('[hidden], [aria-hidden="true"]') || el.getAttribute('tabindex') === '-1') continue;
    return el;
  }
  return null;
}

/**
 * Marks the body's first field as the element Mantine's focus trap focuses when the dialog opens,
 * unless the body marks one itself. It runs as the body mounts, before the trap looks (the trap
 * waits a tick), so the mark is there when it does.
 */
function FirstFieldFocus({ children }: { children: React.ReactNode }): React.JSX.Element {
  const body = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = body.current;
    if (!root || root.querySelector('[data-autofocus]')) return;
    firstField(root)?.setAttribute('data-autofocus', 'true');
  }, []);
  return <div ref={body}>{children}</div>;
}

/**
 * Every dialog of the app. Mantine's dialog focuses its `[data-autofocus]` element, else its first
 * tabbable one, which is the header's close button: typing would go nowhere and Enter would close the
 * dialog. Here the focus starts in the body's first field instead; a body without fields (a question
 * with buttons) keeps Mantine's choice, and a body that marks its own `[data-autofocus]` keeps that.
 */
export function AppModal({ children, ...props }: ModalProps): React.JSX.Element {
  return (
    <Modal {...props}>
      <FirstFieldFocus>{children}</FirstFieldFocus>
    </Modal>
  );
}
