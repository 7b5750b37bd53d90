import { Alert, Box, Button, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { useRef, useState, type DragEvent } from 'react';
import type { LabelField, LabelReading } from '@contract/food-labels.ts';
import type { Food } from '@contract/foods.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import { ApiError, call } from '../../../lib/api.ts';
import { readFileUpload } from '../../../lib/files.ts';
import { formatNumber } from '../../../lib/format.ts';
import { dragHasFiles, PHOTO_ACCEPT, photoFileProblem } from '../../photos/photo-files.ts';
import { basisSentence, parseAmount, storedAs, toPer100g } from '../label-values.ts';

interface LabelPhotoModalProps {
  opened: boolean;
  onClose: () => void;
  onSaved: (food: Food) => void;
}

/** "New food from a label photo": pick or drop a photo, review what was read, save a custom food. */
export function LabelPhotoModal({ opened, onClose, onSaved }: LabelPhotoModalProps): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  return (
    <AppModal
      opened={opened}
      onClose={() => !busy && onClose()}
      closeOnEscape={!busy}
      title="New food from a label photo"
      size="xl"
    >
      {opened && <LabelPhotoFlow onSaved={onSaved} onCancel={onClose} onBusyChange={setBusy} />}
    </AppModal>
  );
}

type Phase = { kind: 'pick' } | { kind: 'reading'; fileName: string } | { kind: 'review'; reading: LabelReading };

function LabelPhotoFlow({
  onSaved,
  onCancel,
  onBusyChange,
}: {
  onSaved: (food: Food) => void;
  onCancel: () => void;
  onBusyChange: (busy: boolean) => void;
}): React.JSX.Element {
  const [phase, setPhase] = useState<Phase>({ kind: 'pick' });
  const [error, setError] = useState<string | null>(null);
  const cancelled = useRef(false);

  const read = async (file: File): Promise<void> => {
    const problem = photoFileProblem(file);
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    cancelled.current = false;
    setPhase({ kind: 'reading', fileName: file.name });
    onBusyChange(true);
    try {
      const upload = await readFileUpload(file);
      const reading = await call('labels.read', upload);
      setPhase(cancelled.current ? { kind: 'pick' } : { kind: 'review', reading });
    } catch (e) {
      // A read the practitioner stopped needs no error: the drop zone is back.
      if (!cancelled.current) setError(e instanceof Error ? e.message : 'The label could not be read.');
      setPhase({ kind: 'pick' });
    } finally {
      onBusyChange(false);
    }
  };

  const cancel = (): void => {
    cancelled.current = true;
    void call('labels.cancel').catch(() => undefined);
  };

  if (phase.kind === 'review') {
    return (
      <LabelReview
        reading={phase.reading}
        onSaved={onSaved}
        onAnother={() => setPhase({ kind: 'pick' })}
        onCancel={onCancel}
      />
    );
  }
  return (
    <Stack gap="sm">
      <Text size="sm">
        A photo of a nutrition facts panel (US) or a nutrition information table (EU/UK) is read on this computer. You
        check every value against the part of the photo it came from before the food is saved.
      </Text>
      {phase.kind === 'reading' ? (
        <Group gap="sm" role="status" data-testid="label-reading">
          <Loader size="sm" />
          <Text size="sm">Reading the label in {phase.fileName}… (a few seconds)</Text>
          <Button size="xs" variant="default" onClick={cancel} data-testid="label-cancel">
            Stop
          </Button>
        </Group>
      ) : (
        <LabelDropZone onFile={(f) => void read(f)} />
      )}
      {error && (
        <Alert color="red" variant="light" title="The label could not be read" role="alert" data-testid="label-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

function LabelDropZone({ onFile }: { onFile: (file: File) => void }): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const accept = (e: DragEvent<HTMLDivElement>): boolean => dragHasFiles(Array.from(e.dataTransfer.types));
  return (
    <Box
      p="md"
      role="group"
      aria-label="Label photo"
      style={{
        border: `2px dashed var(--mantine-color-${over ? 'blue-6' : 'gray-4'})`,
        borderRadius: 'var(--mantine-radius-md)',
      }}
      onDragEnter={(e) => {
        if (!accept(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!accept(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
      data-testid="label-dropzone"
    >
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          Drop a photo of the label here{' '}
          <Text span size="xs" c="dimmed">
            (JPEG, PNG or WebP; read on this computer)
          </Text>
        </Text>
        <Button size="xs" variant="light" onClick={() => input.current?.click()} data-testid="label-choose">
          Choose a photo…
        </Button>
      </Group>
      <input
        ref={input}
        type="file"
        accept={PHOTO_ACCEPT}
        hidden
        tabIndex={-1}
        aria-label="Label photo to read"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) onFile(file);
        }}
        data-testid="label-file-input"
      />
    </Box>
  );
}

const fmt = (n: number): string => formatNumber(n, n >= 100 ? 0 : 1);

function LabelReview({
  reading,
  onSaved,
  onAnother,
  onCancel,
}: {
  reading: LabelReading;
  onSaved: (food: Food) => void;
  onAnother: () => void;
  onCancel: () => void;
}): React.JSX.Element {
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(reading.fields.map((f) => [f.key, String(f.value)])),
  );
  const [serving, setServing] = useState(reading.serving ? String(reading.serving.grams) : '');
  const [name, setName] = useState('');
  const [brand, setBrand] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);

  const values: Partial<Record<LabelField['key'], number>> = {};
  const bad: string[] = [];
  for (const f of reading.fields) {
    const v = parseAmount(texts[f.key] ?? '');
    if (v === null) continue;
    if (Number.isNaN(v)) bad.push(f.name);
    else values[f.key] = v;
  }
  const servingGrams = parseAmount(serving);
  const servingProblem =
    reading.basis === 'serving' && (servingGrams === null || Number.isNaN(servingGrams) || servingGrams <= 0)
      ? 'Enter the serving’s weight in grams (the label’s values are per serving).'
      : null;
  const per100 = toPer100g(
    values,
    reading.basis,
    servingGrams !== null && !Number.isNaN(servingGrams) ? servingGrams : null,
  );

  const save = async (): Promise<void> => {
    if (name.trim() === '') {
      setNameError('Enter a name.');
      return;
    }
    if (!per100 || bad.length > 0) return;
    setSaving(true);
    setError(null);
    try {
      const portions =
        servingGrams !== null && !Number.isNaN(servingGrams) && servingGrams > 0
          ? [{ amount: 1, unit: 'serving', grams: servingGrams }]
          : [];
      const food = await call('foods.createCustom', {
        name: name.trim(),
        brand: brand.trim() === '' ? null : brand.trim(),
        nutrients: per100,
        portions,
      });
      onSaved(food);
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : 'The food could not be saved.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="label-review">
      <Group grow align="flex-start">
        <TextInput
          label="Name"
          required
          value={name}
          error={nameError}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setNameError(null);
          }}
          data-testid="label-name"
        />
        <TextInput
          label="Brand"
          value={brand}
          onChange={(e) => setBrand(e.currentTarget.value)}
          data-testid="label-brand"
        />
      </Group>
      <Text size="sm" data-testid="label-basis">
        {basisSentence(reading.basis)} Check each value against the photo beside it, and correct it if it was misread.
      </Text>
      {(reading.basis === 'serving' || reading.serving) && (
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput
            label="Serving size (g)"
            inputMode="decimal"
            value={serving}
            error={servingProblem}
            onChange={(e) => setServing(e.currentTarget.value)}
            w={180}
            data-testid="label-serving"
          />
          {reading.serving && (
            <img
              src={`data:image/jpeg;base64,${reading.serving.crop.jpegBase64}`}
              alt={`Serving size as printed: ${reading.serving.text}`}
              style={{ maxHeight: 48, maxWidth: 320 }}
            />
          )}
        </Group>
      )}
      <Table striped withTableBorder verticalSpacing={4} data-testid="label-fields">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>In the photo</Table.Th>
            <Table.Th>Value as printed</Table.Th>
            <Table.Th>Saved per 100 g</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reading.fields.map((f) => {
            const as = storedAs(f.key);
            const v = as && per100 ? per100[as.nutrient] : undefined;
            // kJ and salt stand in for kcal and sodium only when the label prints none.
            const replaced =
              (f.key === 'energyKj' && values.energyKcal !== undefined) ||
              (f.key === 'saltG' && values.sodiumMg !== undefined);
            return (
              <Table.Tr key={f.key} data-testid={`label-field-${f.key}`}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {f.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <img
                    src={`data:image/jpeg;base64,${f.crop.jpegBase64}`}
                    alt={`${f.name} as printed: ${f.text}`}
                    style={{ maxHeight: 40, maxWidth: 280, display: 'block' }}
                    data-testid="label-crop"
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <TextInput
                      aria-label={`${f.name} (${f.unit})`}
                      inputMode="decimal"
                      value={texts[f.key] ?? ''}
                      error={Number.isNaN(parseAmount(texts[f.key] ?? '') ?? 0) ? 'Not a number' : null}
                      onChange={(e) => {
                        const text = e.currentTarget.value;
                        setTexts((t) => ({ ...t, [f.key]: text }));
                      }}
                      w={110}
                      data-testid="label-value"
                    />
                    <Text size="sm">{f.unit}</Text>
                  </Group>
                </Table.Td>
                <Table.Td data-testid="label-per100">
                  {!as || replaced ? (
                    <Text size="xs" c="dimmed">
                      {f.key === 'transFatG'
                        ? 'Not kept (the app has no trans-fat value)'
                        : 'Not used (the label prints ' + (f.key === 'energyKj' ? 'kcal' : 'sodium') + ')'}
                    </Text>
                  ) : v === undefined ? (
                    <Text size="xs" c="dimmed">
                      —
                    </Text>
                  ) : (
                    <Text size="sm">
                      {fmt(v)} {as.unit}
                      {f.key === 'saltG' && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          (salt ÷ 2.5)
                        </Text>
                      )}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {per100 && per100.energyKcal === undefined && (
        <Alert color="yellow" variant="light" data-testid="label-no-energy">
          No energy value was read: type it in (the food needs at least its energy).
        </Alert>
      )}
      {bad.length > 0 && (
        <Alert color="red" variant="light" role="alert">
          Not a number: {bad.join(', ')}.
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" title="The food was not saved" role="alert" data-testid="label-save-error">
          {error}
        </Alert>
      )}
      <Group justify="space-between">
        <Button variant="subtle" onClick={onAnother} disabled={saving} data-testid="label-another">
          Use another photo
        </Button>
        <Group gap="xs">
          <Button variant="default" onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
          <Button
            onClick={() => void save()}
            loading={saving}
            disabled={!per100 || per100.energyKcal === undefined || bad.length > 0}
            data-testid="label-save"
          >
            Save food
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
