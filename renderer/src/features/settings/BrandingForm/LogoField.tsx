import { Button, Group, Image, Input, Stack, Text } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { logoProblem, normaliseLogoDataUrl } from '../branding-values.ts';

interface LogoFieldProps {
  /** The logo as a data URL, or '' for none. */
  value: string;
  onChange: (dataUrl: string) => void;
  /** The core's message for the field, if the save was refused. */
  error?: string;
  disabled?: boolean;
}

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(new Error(`Could not read ${file.name}.`));
    reader.readAsDataURL(file);
  });
}

/** The practice logo: a PNG or JPEG up to 500 KB, read into a data URL, with a preview and Remove. */
export function LogoField({ value, onChange, error, disabled }: LogoFieldProps): React.JSX.Element {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);

  const choose = async (file: File | null): Promise<void> => {
    if (!file) return;
    const refused = logoProblem(file);
    setProblem(refused);
    if (refused) {
      if (input.current) input.current.value = '';
      return;
    }
    setReading(true);
    try {
      onChange(normaliseLogoDataUrl(await readDataUrl(file)));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : `Could not read ${file.name}.`);
    } finally {
      setReading(false);
      if (input.current) input.current.value = '';
    }
  };

  const message = problem ?? error;
  return (
    <Input.Wrapper
      label="Practice logo"
      description="PNG or JPEG, at most 500 KB; printed at the top of reports"
      error={message}
      id={id}
    >
      <Stack gap="xs" mt={4}>
        {value ? (
          <Group gap="sm" align="center">
            <Image
              src={value}
              alt="Practice logo"
              h={64}
              w="auto"
              maw={240}
              fit="contain"
              radius="sm"
              style={{ border: '1px solid var(--mantine-color-default-border)', background: '#fff' }}
              data-testid="settings-logo-preview"
            />
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                setProblem(null);
                onChange('');
              }}
              disabled={disabled}
              data-testid="settings-logo-remove"
            >
              Remove logo
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed" data-testid="settings-logo-none">
            No logo: reports show the practitioner&apos;s name only.
          </Text>
        )}
        <input
          ref={input}
          id={id}
          type="file"
          accept="image/png,image/jpeg"
          disabled={disabled || reading}
          onChange={(e) => void choose(e.currentTarget.files?.[0] ?? null)}
          aria-invalid={message ? true : undefined}
          data-testid="settings-logo"
          style={{ display: 'block', font: 'inherit', color: 'inherit' }}
        />
      </Stack>
    </Input.Wrapper>
  );
}
