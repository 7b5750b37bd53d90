import { SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { FileField } from '../../../components/FileField/FileField.tsx';
import { FORMAT_ACCEPT, FORMAT_LABELS, type ImportFormat } from './import-mapping.ts';

interface ImportSetupFieldsProps {
  format: ImportFormat;
  onFormatChange: (format: ImportFormat) => void;
  onFile: (file: File | null) => void;
  fileError: string | null;
  datasetName: string;
  onDatasetNameChange: (name: string) => void;
  citation: string;
  onCitationChange: (citation: string) => void;
  errors: Record<string, string>;
  disabled: boolean;
}

/** The first step: what kind of file, the file itself, and how the dataset is named and cited. */
export function ImportSetupFields(props: ImportSetupFieldsProps): React.JSX.Element {
  const { format, errors, disabled } = props;
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500} id="foods-import-format-label" mb={4}>
          Format
        </Text>
        <SegmentedControl
          aria-labelledby="foods-import-format-label"
          data={(Object.keys(FORMAT_LABELS) as ImportFormat[]).map((value) => ({
            value,
            label: FORMAT_LABELS[value],
          }))}
          value={format}
          onChange={(v) => props.onFormatChange(v === 'fdc' ? 'fdc' : 'csv')}
          disabled={disabled}
          data-testid="foods-import-format"
        />
        <Text size="xs" c="dimmed" mt={4}>
          {format === 'fdc'
            ? 'The zip of CSV files downloaded from FoodData Central (fdc.nal.usda.gov).'
            : 'Any table with one food per row and values per 100 g (CIQUAL, CoFID, your own); you map the columns next.'}
        </Text>
      </div>
      <FileField
        key={format}
        label="File"
        accept={FORMAT_ACCEPT[format]}
        onChange={props.onFile}
        error={props.fileError ?? errors.dataBase64 ?? errors.fileName}
        disabled={disabled}
        testId="foods-import-file"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label="Dataset name"
          withAsterisk
          placeholder="e.g. CIQUAL 2020"
          value={props.datasetName}
          onChange={(e) => props.onDatasetNameChange(e.currentTarget.value)}
          error={errors.datasetName}
          disabled={disabled}
          data-testid="foods-import-name"
        />
        <Textarea
          label="Citation"
          description="How the source asks to be cited (shown with its foods)"
          autosize
          minRows={1}
          maxLength={500}
          value={props.citation}
          onChange={(e) => props.onCitationChange(e.currentTarget.value)}
          error={errors.citation}
          disabled={disabled}
          data-testid="foods-import-citation"
        />
      </SimpleGrid>
    </Stack>
  );
}
