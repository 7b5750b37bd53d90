import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render.tsx';
import { RecoveryCodeCard } from './RecoveryCodeCard.tsx';

const CODE = 'ABCD-EFGH-JKLM-NPQR-STUV-WXYZ';
const realPrint = window.print;

afterEach(() => {
  window.print = realPrint;
});

function renderCard(): void {
  renderInApp(<RecoveryCodeCard code={CODE} intro="Keep this code." onConfirmed={() => undefined} />);
}

describe('RecoveryCodeCard', () => {
  it('copies the code to the clipboard and says so', async () => {
    renderCard();
    await navigator.clipboard.writeText('something else');
    fireEvent.click(screen.getByTestId('recovery-copy'));
    expect(await screen.findByText(/^Copied\./)).toBeTruthy();
    expect(screen.getByTestId('recovery-copy').textContent).toBe('Copied');
    expect(await navigator.clipboard.readText()).toBe(CODE);
  });

  it('prints a sheet of its own: a direct child of the body with the code and no other data', () => {
    // The system print dialog is outside the app: count the calls instead of opening it.
    let printed = 0;
    window.print = () => {
      printed += 1;
    };
    renderCard();
    const sheet = screen.getByTestId('recovery-print-sheet');
    expect(sheet.parentElement).toBe(document.body);
    expect(sheet.hasAttribute('data-print-sheet')).toBe(true);
    expect(sheet.textContent).toContain(CODE);
    expect(sheet.textContent).not.toContain('Keep this code.');
    expect(sheet.querySelectorAll('input, button')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('recovery-print'));
    expect(printed).toBe(1);
  });
});
