import { Button, Checkbox, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import type { ClientSummary } from '@contract/clients.ts';
import { ChoiceSelect } from '../../../components/ChoiceSelect/ChoiceSelect.tsx';
import { LabelledSegments } from '../../../components/LabelledSegments/LabelledSegments.tsx';
import type { RangePreset } from '../../../lib/dates.ts';
import {
  optionsFrom,
  PAGE_SIZE_LABELS,
  REPORT_VARIANT_LABELS,
  type PageSize,
  type ReportVariant,
} from '../../../lib/labels.ts';
import {
  REPORT_PRESETS,
  REPORT_SECTION_ORDER,
  orderSections,
  sectionLabel,
  type ReportDraft,
  type ReportProblems,
  withVariant,
} from '../report-options.ts';

interface ReportFormProps {
  draft: ReportDraft;
  clients: readonly ClientSummary[] | undefined;
  preset: RangePreset | null;
  problems: ReportProblems;
  busy: boolean;
  exporting: boolean;
  onChange: (draft: ReportDraft) => void;
  onPreset: (days: RangePreset) => void;
  onPreview: () => void;
  onExport: () => void;
}

function isVariant(value: string): value is ReportVariant {
  return Object.hasOwn(REPORT_VARIANT_LABELS, value);
}

function isPageSize(value: string): value is PageSize {
  return Object.hasOwn(PAGE_SIZE_LABELS, value);
}

/** Client, date range, sections and page size; Enter or "Preview" previews, "Export PDF" exports. */
export function ReportForm({
  draft,
  clients,
  preset,
  problems,
  busy,
  exporting,
  onChange,
  onPreset,
  onPreview,
  onExport,
}: ReportFormProps): React.JSX.Element {
  const options = (clients ?? []).map((c) => ({
    value: c.id,
    label: c.archivedAt === null ? c.name : `${c.name} (archived)`,
  }));
  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    onPreview();
  };
  const allOn = draft.sections.length === REPORT_SECTION_ORDER.length;
  const dateInput = (end: 'from' | 'to', label: string): React.JSX.Element => (
    <TextInput
      label={label}
      type="date"
      value={draft[end]}
      onChange={(e) => onChange({ ...draft, [end]: e.currentTarget.value })}
      error={problems[end]}
      w={180}
      data-testid={`report-${end}`}
    />
  );

  return (
    <form onSubmit={submit} noValidate data-testid="report-form" aria-label="Report">
      <Stack gap="md">
        <ChoiceSelect
          label="Client"
          placeholder={clients ? 'Choose a client' : 'Loading clients…'}
          data={options}
          value={draft.clientId}
          onChange={(v) => onChange({ ...draft, clientId: v })}
          disabled={!clients}
          error={problems.clientId}
          maw={420}
          data-testid="report-client"
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="report-range-label">
            Period (up to today)
          </Text>
          <Group gap="sm" align="flex-start">
            <SegmentedControl
              aria-labelledby="report-range-label"
              data={[
                ...REPORT_PRESETS.map((p) => ({ value: String(p), label: `${p} days` })),
                { value: 'custom', label: 'Custom', disabled: true },
              ]}
              value={preset === null ? 'custom' : String(preset)}
              onChange={(v) => {
                const days = REPORT_PRESETS.find((p) => String(p) === v);
                if (days) onPreset(days);
              }}
              data-testid="report-range"
            />
          </Group>
          <Group gap="sm" align="flex-start" mt="xs">
            {dateInput('from', 'From')}
            {dateInput('to', 'To')}
          </Group>
        </div>
        <LabelledSegments
          label="Report for"
          labelId="report-variant-label"
          data={optionsFrom(REPORT_VARIANT_LABELS)}
          value={draft.variant}
          onChange={(v) => isVariant(v) && onChange(withVariant(draft, v))}
          data-testid="report-variant"
        >
          <Text size="xs" c="dimmed" mt={4} data-testid="report-variant-help">
            {draft.variant === 'client'
              ? 'The client’s copy: only the recommendations you accepted, in words for the client; your notes only if ticked.'
              : 'Your case report: every open recommendation with its rationale and values, and your notes.'}
          </Text>
        </LabelledSegments>
        <Checkbox.Group
          label="Sections"
          description="Sections without data for the period say so in the report."
          value={[...draft.sections]}
          onChange={(values) => onChange({ ...draft, sections: orderSections(values) })}
          error={problems.sections}
          data-testid="report-sections"
        >
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
            {REPORT_SECTION_ORDER.map((s) => (
              <Checkbox key={s} value={s} label={sectionLabel(s)} data-testid={`report-section-${s}`} />
            ))}
          </SimpleGrid>
          <Button
            variant="subtle"
            size="compact-sm"
            mt="xs"
            onClick={() => onChange({ ...draft, sections: allOn ? [] : REPORT_SECTION_ORDER })}
            data-testid="report-sections-toggle"
          >
            {allOn ? 'Clear all sections' : 'Choose all sections'}
          </Button>
        </Checkbox.Group>
        <LabelledSegments
          label="Page size"
          labelId="report-page-size-label"
          data={optionsFrom(PAGE_SIZE_LABELS)}
          value={draft.pageSize}
          onChange={(v) => isPageSize(v) && onChange({ ...draft, pageSize: v })}
          data-testid="report-page-size"
        />
        <Group gap="sm">
          <Button type="submit" variant="light" loading={busy} disabled={exporting} data-testid="report-preview-button">
            Preview
          </Button>
          <Button onClick={onExport} disabled={exporting || busy} data-testid="report-export">
            Export PDF
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
