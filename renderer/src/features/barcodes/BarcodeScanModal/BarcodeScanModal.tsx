import { Alert, Badge, Box, Button, Card, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useState, type DragEvent, type FormEvent } from 'react';
import type { BarcodeFood, BarcodeLookup, OnlineProduct } from '@contract/barcodes.ts';
import { AppModal } from '../../../components/AppModal/AppModal.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert/ErrorAlert.tsx';
import { FileField } from '../../../components/FileField/FileField.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { ApiError, call } from '../../../lib/api.ts';
import { toApiError } from '../../../lib/errors.ts';
import { readFileUpload } from '../../../lib/files.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { NutrientTable } from '../../foods/FoodDetail/NutrientTable.tsx';
import { FORMAT_NAMES, OFF_DISCLOSURE } from '../barcode-words.ts';
import { LogScannedFood } from './LogScannedFood.tsx';

interface BarcodeScanModalProps {
  opened: boolean;
  onClose: () => void;
  /** Opens a stored food's details (the Foods page's drawer). */
  onOpenFood: (foodId: string) => void;
}

/** Errors the practitioner can act on (no barcode, a mistyped number) are shown, not reported as faults. */
const EXPECTED = new Set(['not-found', 'invalid-input']);

/**
 * "Scan a barcode": a photo of a package (dropped or chosen) is read on this computer; the code's
 * food is shown from the stored foods, or from Open Food Facts when that lookup is on, or "not found"
 * with what to do next. A food found can be opened, or logged for a client.
 */
export function BarcodeScanModal({ opened, onClose, onOpenFood }: BarcodeScanModalProps): React.JSX.Element {
  return (
    <AppModal opened={opened} onClose={onClose} title="Scan a barcode" size="lg">
      {opened && <ScanBody onOpenFood={onOpenFood} />}
    </AppModal>
  );
}

function ScanBody({ onOpenFood }: { onOpenFood: (foodId: string) => void }): React.JSX.Element {
  const { reportError } = useSessionActions();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<BarcodeLookup | null>(null);
  const [typed, setTyped] = useState('');
  const [dragging, setDragging] = useState(false);
  const [logging, setLogging] = useState<BarcodeFood | null>(null);

  const run = async (what: string, ask: () => Promise<BarcodeLookup>): Promise<void> => {
    setBusy(what);
    setError(null);
    setResult(null);
    setLogging(null);
    try {
      setResult(await ask());
    } catch (e) {
      const err = toApiError(e);
      if (!EXPECTED.has(err.code)) reportError(e);
      // A refused number says what is wrong with it in its field's message.
      const field = err.fields['code'];
      setError(field ? new ApiError(err.code, field) : err);
    } finally {
      setBusy(null);
    }
  };

  const scanFile = (file: File | null): void => {
    if (!file) return;
    if (!file.type.startsWith('image/') && file.type !== '') {
      setError(new ApiError('invalid-input', `${file.name} is not a photo: choose a JPEG, PNG or WebP image.`));
      return;
    }
    void run('Reading the barcode in the photo…', async () => call('barcodes.scan', await readFileUpload(file)));
  };

  const lookupTyped = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void run('Looking up the number…', () => call('barcodes.lookup', { code: typed }));
  };

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    scanFile(event.dataTransfer.files[0] ?? null);
  };

  return (
    <Stack gap="md" data-testid="barcode-scan">
      <Box
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        p="md"
        style={{
          border: `2px dashed ${dragging ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-default-border)'}`,
          borderRadius: 8,
        }}
        data-testid="barcode-drop"
      >
        <Stack gap="xs">
          <Text size="sm">
            Drop a photo of the package’s barcode here, or choose one. The photo is read on this computer and is not
            kept.
          </Text>
          <FileField
            label="Photo of the barcode"
            accept="image/*"
            disabled={busy !== null}
            onChange={scanFile}
            testId="barcode-file"
          />
        </Stack>
      </Box>
      <form onSubmit={lookupTyped} noValidate>
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Or type the number under the bars"
            placeholder="e.g. 4006381333931"
            inputMode="numeric"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            style={{ flex: 1 }}
            data-testid="barcode-number"
          />
          <Button
            type="submit"
            variant="default"
            disabled={busy !== null || typed.trim() === ''}
            data-testid="barcode-lookup"
          >
            Look up
          </Button>
        </Group>
      </form>
      {busy && (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">{busy}</Text>
        </Group>
      )}
      {error && <ErrorAlert title="No result" error={error} testId="barcode-error" />}
      {result && (
        <ScanResult result={result} onOpenFood={onOpenFood} onLog={setLogging} onSaved={(next) => setResult(next)} />
      )}
      {logging && <LogScannedFood food={logging} onDone={() => setLogging(null)} />}
    </Stack>
  );
}

function ScanResult({
  result,
  onOpenFood,
  onLog,
  onSaved,
}: {
  result: BarcodeLookup;
  onOpenFood: (foodId: string) => void;
  onLog: (food: BarcodeFood) => void;
  onSaved: (next: BarcodeLookup) => void;
}): React.JSX.Element {
  const format = result.format ? ` (${FORMAT_NAMES[result.format] ?? result.format})` : '';
  return (
    <Stack gap="sm" data-testid="barcode-result">
      <Text size="sm">
        Barcode{' '}
        <Text span fw={600} ff="monospace" data-testid="barcode-code">
          {result.code}
        </Text>
        {format}
      </Text>
      {result.matches.map((food) => (
        <Card key={food.id} withBorder padding="sm" data-testid="barcode-match">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Text fw={600}>{food.name}</Text>
              <Text size="sm" c="dimmed">
                {[food.brand, `Source: ${food.sourceName}`].filter(Boolean).join(' · ')}
              </Text>
            </div>
            <Group gap="xs" wrap="nowrap">
              <Button size="xs" variant="default" onClick={() => onOpenFood(food.id)} data-testid="barcode-open">
                Open
              </Button>
              <Button size="xs" onClick={() => onLog(food)} data-testid="barcode-log">
                Log for a client
              </Button>
            </Group>
          </Group>
        </Card>
      ))}
      {result.matches.length === 0 && <Online result={result} onSaved={onSaved} />}
    </Stack>
  );
}

const NEXT_STEPS =
  'Import the USDA FoodData Central Branded Foods table (Import foods) to look up packaged foods on this computer, or create a custom food with the values on the label.';

function Online({ result, onSaved }: { result: BarcodeLookup; onSaved: (next: BarcodeLookup) => void }) {
  const online = result.online;
  switch (online.status) {
    case 'disabled':
      return (
        <Alert color="gray" title="Not found among the foods on this computer" data-testid="barcode-not-found">
          <Text size="sm">{NEXT_STEPS}</Text>
          <Text size="sm" mt="xs">
            You can also turn on the Open Food Facts lookup in Settings. {OFF_DISCLOSURE}
          </Text>
        </Alert>
      );
    case 'not-found':
      return (
        <Alert color="gray" title="Not found here nor in Open Food Facts" data-testid="barcode-not-found">
          <Text size="sm">{NEXT_STEPS}</Text>
        </Alert>
      );
    case 'failed':
      return (
        <Alert
          color="orange"
          title="Not found here; Open Food Facts could not be asked"
          data-testid="barcode-online-failed"
        >
          <Text size="sm">{online.message}</Text>
          <Text size="sm" mt="xs">
            {NEXT_STEPS}
          </Text>
        </Alert>
      );
    case 'found':
      return (
        <OnlineProductCard
          code={result.code}
          product={online.product}
          cached={online.cached}
          fetchedAt={online.fetchedAt}
          onSaved={onSaved}
        />
      );
    default:
      return null;
  }
}

function OnlineProductCard({
  code,
  product,
  cached,
  fetchedAt,
  onSaved,
}: {
  code: string;
  product: OnlineProduct;
  cached: boolean;
  fetchedAt: number;
  onSaved: (next: BarcodeLookup) => void;
}): React.JSX.Element {
  const notify = useNotify();
  const { reportError } = useSessionActions();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const save = async (): Promise<void> => {
    setSaving(true);
    setError(null);
    try {
      const food = await call('barcodes.saveOnline', { code });
      notify({ message: `${food.name} was saved as a custom food.` });
      onSaved(await call('barcodes.lookup', { code }));
    } catch (e) {
      const err = toApiError(e);
      if (!EXPECTED.has(err.code)) reportError(e);
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card withBorder padding="sm" data-testid="barcode-online">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={600}>{product.name}</Text>
            <Text size="sm" c="dimmed">
              {[product.brand, product.quantity].filter(Boolean).join(' · ')}
            </Text>
          </div>
          <Badge variant="light" data-testid="barcode-online-source">
            Source: Open Food Facts
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          Not among the foods on this computer. From Open Food Facts (
          <a href={product.url} target="_blank" rel="noreferrer">
            its page
          </a>
          ),{' '}
          {cached
            ? `kept on this computer since ${formatDateTime(fetchedAt)}`
            : 'asked just now and kept on this computer'}
          . Values are contributed by the public: check them against the label.
        </Text>
        <NutrientTable nutrients={product.nutrients} caption="Per 100 g" testIdPrefix="barcode-online-nutrient" />
        {product.serving && (
          <Text size="sm">
            Serving on the label: {product.serving.label} ({product.serving.grams} g)
          </Text>
        )}
        {error && <ErrorAlert title="Not saved" error={error} testId="barcode-save-error" />}
        <Group justify="flex-end">
          <Button onClick={() => void save()} loading={saving} data-testid="barcode-save-online">
            Save as a custom food
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
