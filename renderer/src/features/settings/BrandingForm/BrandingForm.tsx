import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Settings } from '@contract/settings.ts';
import { useSettings } from '../../../app/settings-context.ts';
import { useNotify } from '../../../components/Notifications/notify-context.ts';
import { LabelledSegments } from '../../../components/LabelledSegments/LabelledSegments.tsx';
import { fieldErrorsFor, toApiError } from '../../../lib/errors.ts';
import { optionsFrom, UNIT_LABELS, type UnitSystem } from '../../../lib/labels.ts';
import { brandingPatch, type BrandingValues } from '../branding-values.ts';
import { LogoField } from './LogoField.tsx';

const BRANDING_FIELDS = ['practitionerCredentials', 'practitionerContact', 'practiceLogo', 'units'] as const;

function valuesOf(settings: Settings): BrandingValues {
  return {
    practitionerCredentials: settings.practitionerCredentials,
    practitionerContact: settings.practitionerContact,
    practiceLogo: settings.practiceLogo,
    units: settings.units,
  };
}

function isUnitSystem(value: string): value is UnitSystem {
  return Object.hasOwn(UNIT_LABELS, value);
}

/** Credentials, contact lines, logo and units for reports; saved together with one button. */
export function BrandingForm({ saved }: { saved: Settings }): React.JSX.Element {
  const { update } = useSettings();
  const notify = useNotify();
  const [values, setValues] = useState<BrandingValues>(() => valuesOf(saved));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const patch = brandingPatch(values, valuesOf(saved));
  const dirty = Object.keys(patch).length > 0;

  const set = <K extends keyof BrandingValues>(key: K, value: BrandingValues[K]): void => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors(({ [key]: _dropped, ...rest }) => rest);
    setGeneral(null);
  };

  /** Value, change handler and error of one of the text fields. */
  const textField = (key: 'practitionerCredentials' | 'practitionerContact') => ({
    value: values[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value),
    error: errors[key],
  });

  const save = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    if (!dirty || busy) return;
    setBusy(true);
    setErrors({});
    setGeneral(null);
    try {
      const result = await update(patch);
      setValues(valuesOf(result));
      notify({ message: 'Report details saved.' });
    } catch (err) {
      const apiError = toApiError(err);
      const fields = fieldErrorsFor(apiError);
      setErrors(fields);
      const known = Object.keys(fields).every((k) => BRANDING_FIELDS.some((f) => f === k));
      setGeneral(Object.keys(fields).length > 0 && known ? null : apiError.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="Report details" data-testid="settings-branding-form">
      <Stack gap="md">
        <TextInput
          label="Credentials"
          description='Printed after your name, e.g. "RD, MSc"'
          {...textField('practitionerCredentials')}
          maxLength={200}
          maw={420}
          data-testid="settings-credentials"
        />
        <Textarea
          label="Contact"
          description="Address, phone, email or website, one per line"
          {...textField('practitionerContact')}
          maxLength={500}
          autosize
          minRows={3}
          maxRows={6}
          maw={420}
          data-testid="settings-contact"
        />
        <LogoField
          value={values.practiceLogo}
          onChange={(v) => set('practiceLogo', v)}
          error={errors.practiceLogo}
          disabled={busy}
        />
        <LabelledSegments
          label="Units"
          labelId="settings-units-label"
          data={optionsFrom(UNIT_LABELS)}
          value={values.units}
          onChange={(v) => isUnitSystem(v) && set('units', v)}
          data-testid="settings-units"
        >
          <Text size="xs" c="dimmed" mt={4}>
            For heights and weights on reports; energy is always in kcal.
          </Text>
          {errors.units && (
            <Text size="xs" c="red" mt={4} role="alert">
              {errors.units}
            </Text>
          )}
        </LabelledSegments>
        {general && (
          <Text size="sm" c="red" role="alert" data-testid="settings-branding-error">
            {general}
          </Text>
        )}
        <Group gap="sm">
          <Button type="submit" variant="default" disabled={!dirty} loading={busy} data-testid="settings-branding-save">
            Save report details
          </Button>
          {dirty && (
            <Text size="sm" c="dimmed" data-testid="settings-branding-unsaved">
              Unsaved changes
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
