import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FileField } from '../../../components/FileField/FileField.tsx';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { fieldErrorsFor, toApiError } from '../../../lib/errors.ts';
import { readFileUpload } from '../../../lib/files.ts';
import { useSessionActions } from '../../../lib/session-context.ts';
import { classMaps, duplicateClasses, mappedText, parseClassList, type ClassMapping } from '../vision-values.ts';
import { ClassFoodRows } from './ClassFoodRows.tsx';
import { useMutation } from '../../../lib/query.ts';

// Field errors shown beside a field; any other key (a class by index, the file data) goes to the alert.
const SHOWN = /^(name|classes|fileName|dataBase64|foodMap\..+|defaultGrams\..+)$/;

/**
 * Installs an ONNX detector trained elsewhere (e.g. on an exported dataset): the file, a name, its
 * classes in output order, and per class the food it stands for with a usual portion.
 */
export function VisionInstallForm() {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [classText, setClassText] = useState('');
  const [mappings, setMappings] = useState<Record<string, ClassMapping>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const install = useMutation('vision.installModel', { invalidates: [], updates: 'vision.status' });
  const classes = parseClassList(classText);
  const dupes = duplicateClasses(classes);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!file) local.file = 'Choose the model file (.onnx).';
    if (dupes.length > 0) local.classes = `Each class once: ${dupes.join(', ')} is listed more than once.`;
    setErrors(local);
    setGeneral([]);
    if (!file || Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const upload = await readFileUpload(file);
      await install.run({ ...upload, name, classes, ...classMaps(classes, mappings) });
      notify({ message: `${name.trim()} was installed.` });
      setFile(null);
      setName('');
      setClassText('');
      setMappings({});
      setFormKey((k) => k + 1);
    } catch (e) {
      reportError(e);
      const error = toApiError(e);
      const fields = fieldErrorsFor(error);
      const shown = Object.fromEntries(Object.entries(fields).filter(([k]) => SHOWN.test(k)));
      if (shown.dataBase64 || shown.fileName) shown.file = shown.dataBase64 ?? shown.fileName ?? '';
      setErrors(shown);
      const rest = Object.entries(fields)
        .filter(([k]) => !SHOWN.test(k))
        .map(([k, m]) => (/^classes\.\d+$/.test(k) ? `Class ${Number(k.split('.')[1]) + 1}: ${m}` : m));
      setGeneral(Object.keys(fields).length === 0 ? [error.message] : rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="vision-install"
      aria-label="Install a custom detector"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          An object detector in ONNX format (YOLO-style output) trained on your own foods. It is checked before it is
          used; the built-in detector stays available.
        </Text>
        <FileField
          key={formKey}
          label="Model file"
          description="An .onnx file"
          accept=".onnx"
          onChange={setFile}
          error={errors.file}
          testId="vision-install-file"
        />
        <TextInput
          label="Name"
          placeholder="e.g. South Indian breakfasts"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          data-testid="vision-install-name"
        />
        <Textarea
          label="Classes"
          description="One class name a line, in the order of the model's outputs."
          autosize
          minRows={3}
          maxRows={12}
          value={classText}
          onChange={(e) => setClassText(e.currentTarget.value)}
          error={errors.classes}
          data-testid="vision-install-classes"
        />
        {classes.length > 0 && (
          <>
            <Text size="sm" data-testid="vision-install-mapped">
              {mappedText(classes, mappings)}. Classes without a food (plates, cutlery) are used only as size references
              or ignored.
            </Text>
            <ClassFoodRows
              classes={[...new Set(classes)]}
              mappings={mappings}
              onChange={(c, m) => setMappings((all) => ({ ...all, [c]: m }))}
              errors={errors}
            />
          </>
        )}
        {general.length > 0 && (
          <Alert color="red" role="alert" title="The model was not installed" data-testid="vision-install-error">
            {general.map((m) => (
              <Text size="sm" key={m}>
                {m}
              </Text>
            ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={busy} data-testid="vision-install-submit">
            Install model
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
