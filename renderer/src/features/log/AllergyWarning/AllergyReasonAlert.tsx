import { Alert, Stack, Text, Textarea } from '@mantine/core';

interface AllergyReasonAlertProps {
  title?: string;
  /** Why the food was stopped, or what went wrong. */
  message: React.ReactNode;
  /** Asks for the reason under the message (default); false shows the message alone. */
  askReason?: boolean;
  /** "Reason for saving despite the allergy", "… copying …", "… importing …". */
  reasonLabel: string;
  reason: string;
  onReasonChange: (reason: string) => void;
  description?: string;
  placeholder?: string;
  error?: string | undefined;
  disabled?: boolean | undefined;
  testIds: { alert: string; reason: string };
}

/**
 * A red alert for food the client is allergic to, with the practitioner's reason for keeping it all
 * the same (required; kept with each entry).
 */
export function AllergyReasonAlert(props: AllergyReasonAlertProps): React.JSX.Element {
  const { askReason = true, testIds } = props;
  return (
    <Alert color="red" title={props.title} role="alert" data-testid={testIds.alert}>
      <Stack gap="xs">
        <Text size="sm">{props.message}</Text>
        {askReason && (
          <Textarea
            label={props.reasonLabel}
            description={props.description}
            placeholder={props.placeholder}
            autosize
            minRows={1}
            maxLength={500}
            required
            value={props.reason}
            onChange={(e) => props.onReasonChange(e.currentTarget.value)}
            error={props.error}
            disabled={props.disabled}
            data-testid={testIds.reason}
          />
        )}
      </Stack>
    </Alert>
  );
}
