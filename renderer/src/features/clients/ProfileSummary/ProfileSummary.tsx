import { Badge, Button, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { Client } from '@contract/clients.ts';
import { ageInYears, bmi, formatIsoDate, formatNumber, formatQuantity, todayIso } from '../../../lib/format.ts';
import { ACTIVITY_LABELS, DIET_LABELS, EQUATION_LABELS, lifeStageText, SEX_LABELS } from '../../../lib/labels.ts';
import { conditionsText, goalText } from '../profile-text.ts';

function Item({ label, children, testId }: { label: string; children: ReactNode; testId: string }): React.JSX.Element {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

const NONE = '—';
const HIDDEN = 'Hidden';

/** The client's profile at a glance. */
export function ProfileSummary({ client }: { client: Client }): React.JSX.Element {
  const age = client.birthDate ? ageInYears(client.birthDate, todayIso()) : null;
  const bodyMassIndex = bmi(client.weightKg, client.heightCm);
  // Eating-disorder-sensitive care: weight and BMI stay hidden on screen (as on the Measurements tab and in
  // the client's copies) until the practitioner chooses to see them, for this visit of the page only.
  const [bodyShown, setBodyShown] = useState(false);
  const bodyHidden = client.edSensitive && !bodyShown;
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">
        Profile
      </Title>
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 3 }} spacing="md" m={0}>
        <Item label="Age" testId="profile-age">
          {age !== null && client.birthDate ? `${age} years (born ${formatIsoDate(client.birthDate)})` : NONE}
        </Item>
        <Item label="Sex" testId="profile-sex">
          {client.sex ? SEX_LABELS[client.sex] : 'Not specified'}
        </Item>
        <Item label="Height" testId="profile-height">
          {client.heightCm !== null ? formatQuantity(client.heightCm, 'cm', 1) : NONE}
        </Item>
        <Item label="Weight" testId="profile-weight">
          {bodyHidden ? HIDDEN : client.weightKg !== null ? formatQuantity(client.weightKg, 'kg', 1) : NONE}
        </Item>
        <Item label="BMI" testId="profile-bmi">
          {bodyHidden ? HIDDEN : bodyMassIndex !== null ? `${formatNumber(bodyMassIndex, 1)} kg/m²` : NONE}
        </Item>
        <Item label="Activity" testId="profile-activity">
          {ACTIVITY_LABELS[client.activityLevel]}
        </Item>
        <Item label="Diet pattern" testId="profile-diet">
          {DIET_LABELS[client.dietPattern]}
        </Item>
        <Item label="Allergies" testId="profile-allergies">
          {client.allergies.length > 0 ? client.allergies.join(', ') : 'None recorded'}
        </Item>
        {client.sex === 'female' && (
          <Item label="Pregnancy or lactation" testId="profile-life-stage">
            {lifeStageText(client.lifeStage, client.lifeStageDetail)}
          </Item>
        )}
        <Item label="Goal" testId="profile-goal">
          {goalText(client)}
        </Item>
        <Item label="Medical conditions" testId="profile-conditions">
          {conditionsText(client)}
        </Item>
        <Item label="Energy equation" testId="profile-equation">
          {EQUATION_LABELS[client.energyEquation]}
        </Item>
        <Item label="E-mail" testId="profile-email">
          {client.email || NONE}
        </Item>
        <Item label="Phone" testId="profile-phone">
          {client.phone || NONE}
        </Item>
      </SimpleGrid>
      {client.edSensitive && (client.weightKg !== null || bodyMassIndex !== null) && (
        <Group gap="xs" mt="sm">
          <Text size="xs" c="dimmed">
            {bodyHidden
              ? 'Weight and BMI are hidden for this client (eating-disorder-sensitive care).'
              : 'Weight and BMI are shown. Turn the screen away from the client if they should not see them.'}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            color="violet"
            onClick={() => setBodyShown(bodyHidden)}
            data-testid={bodyHidden ? 'profile-show-body' : 'profile-hide-body'}
          >
            {bodyHidden ? 'Show' : 'Hide'}
          </Button>
        </Group>
      )}
      {client.tags.length > 0 && (
        <Group gap={4} mt="md" aria-label="Tags" data-testid="profile-tags">
          {client.tags.map((tag) => (
            <Badge key={tag} variant="light" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
      {client.notes && (
        <>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="md">
            Notes
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="profile-notes">
            {client.notes}
          </Text>
        </>
      )}
    </Card>
  );
}
