import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectToHost, renderInApp } from '../../../test/render.tsx';
import { NEW_RULE_TEMPLATE } from '../rules-text.ts';
import { RuleEditor } from './RuleEditor.tsx';

const noop = (): void => undefined;
const CONDITION = 'features.fibre_g_7d_mean < targets.fibre_g * 0.7';

function renderEditor(source: string): void {
  renderInApp(
    <RuleEditor
      existingFileName={null}
      initialFileName="quoted-rule.yaml"
      initialSource={source}
      clientId={null}
      onClientChange={noop}
      onSaved={noop}
      onCancel={noop}
    />,
  );
}

describe('RuleEditor against the real core', () => {
  beforeEach(connectToHost);

  it('accepts a condition quoted whole, with quoted text inside it', async () => {
    renderEditor(NEW_RULE_TEMPLATE.replace(CONDITION, `"client.sex == "female" && ${CONDITION}"`));
    await waitFor(() => expect(screen.getByTestId('rule-editor-status').getAttribute('data-valid')).toBe('true'));
    expect(screen.getByTestId('rule-editor-status').textContent).toContain('Valid: defines rule my-rule');
    expect(screen.queryByTestId('rule-editor-error')).toBeNull();
  });

  it('lists a bad line above the text, names it, and puts the cursor on it', async () => {
    const source = NEW_RULE_TEMPLATE.replace(CONDITION, '"female" == client.sex');
    renderEditor(source);
    const error = await screen.findByTestId('rule-editor-error');
    expect(error.getAttribute('data-line')).toBe('5');
    expect(error.textContent).toContain('quoted-rule.yaml:5:16: YAML: when starts with a double quote');
    expect(error.textContent).toContain('"== client.sex" is left over');
    const box = screen.getByTestId('rule-editor') as HTMLTextAreaElement;
    // In view while the box is: the list comes before the text in the page.
    expect(error.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Long lines wrap instead of running out of the box.
    expect(box.getAttribute('wrap')).toBe('soft');

    fireEvent.click(screen.getByTestId('rule-editor-error-goto'));
    expect(document.activeElement).toBe(box);
    const line5 = source.split('\n').slice(0, 4).join('\n').length + 1;
    expect(box.selectionStart).toBe(line5 + 15);
    expect(source.slice(box.selectionStart, box.selectionStart + 3)).toBe('== ');
  });
});
