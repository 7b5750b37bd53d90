import { Stack, Title } from '@mantine/core';
import type { MethodOutput } from '@contract/index.ts';
import { QueryPending } from '../../../components/QueryPending/QueryPending.tsx';
import { useCall } from '../../../lib/query.ts';
import { DatasetExport } from './DatasetExport.tsx';
import { ModelList } from './ModelList.tsx';
import { ProviderStatus } from './ProviderStatus.tsx';
import { VisionInstallForm } from './VisionInstallForm.tsx';

export type VisionStatus = MethodOutput<'vision.status'>;

/** Meal photo analysis: the detector in use and where it runs, other models, custom install, dataset export. */
export function VisionSection(): React.JSX.Element {
  const query = useCall('vision.status', {});
  const status = query.data;

  return (
    <Stack gap="md" data-testid="settings-vision">
      <QueryPending
        query={query}
        errorTitle="Could not read the detector's state"
        loadingLabel="Loading the detector's state"
      />
      {status && (
        <>
          <ProviderStatus status={status} />
          <ModelList status={status} />
        </>
      )}
      <Title order={3} size="h5">
        Install a custom detector
      </Title>
      <VisionInstallForm />
      <Title order={3} size="h5">
        Export reviewed photos as a dataset
      </Title>
      <DatasetExport />
    </Stack>
  );
}
