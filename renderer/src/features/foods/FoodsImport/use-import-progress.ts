import { useEffect, useState } from 'react';
import type { EventMap } from '@contract/index.ts';
import { onEvent } from '../../../lib/api.ts';

export type ImportProgressEvent = EventMap['import.progress'];

/**
 * The latest 'import.progress' event of the run numbered `runId` (null: no run). The job id is only
 * known when the import answers, and one import runs at a time, so every event during a run is its own.
 */
export function useImportProgress(runId: number | null): ImportProgressEvent | null {
  const [progress, setProgress] = useState<{ runId: number; event: ImportProgressEvent } | null>(null);
  useEffect(() => {
    if (runId === null) return undefined;
    return onEvent('import.progress', (event) => setProgress({ runId, event }));
  }, [runId]);
  return progress && progress.runId === runId ? progress.event : null;
}
