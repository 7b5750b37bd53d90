import { Box, Skeleton, Stack, Text } from '@mantine/core';
import type { PageSize } from '../../../lib/labels.ts';
import { PAGE_WIDTHS } from '../report-options.ts';

interface ReportPreviewProps {
  /** The core's self-contained HTML document, or null before the first preview. */
  html: string | null;
  title: string;
  pageSize: PageSize;
  loading: boolean;
}

/**
 * The report as the core rendered it, in a sandboxed frame: an empty `sandbox` runs no scripts and
 * gives the document no access to the app. The frame is a page wide and scrolls inside.
 */
export function ReportPreview({ html, title, pageSize, loading }: ReportPreviewProps): React.JSX.Element {
  const width = `min(100%, calc(${PAGE_WIDTHS[pageSize]} + 32px))`;
  if (loading && html === null) {
    return (
      <Stack aria-busy="true" aria-label="Loading the preview" data-testid="report-preview-loading" maw={width}>
        <Skeleton height={40} width="60%" />
        <Skeleton height={520} />
      </Stack>
    );
  }
  if (html === null) {
    return (
      <Box
        p="xl"
        maw={width}
        style={{ border: '1px dashed var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-md)' }}
        data-testid="report-preview-empty"
      >
        <Text size="sm" c="dimmed" ta="center">
          Choose a client and a date range, then press Preview to see the report here.
        </Text>
      </Box>
    );
  }
  return (
    <Box pos="relative" maw={width} aria-busy={loading || undefined}>
      <iframe
        sandbox=""
        srcDoc={html}
        title={`Preview: ${title}`}
        data-testid="report-preview"
        style={{
          display: 'block',
          width: '100%',
          height: '80vh',
          minHeight: 480,
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-sm)',
          background: '#fff',
          opacity: loading ? 0.5 : 1,
        }}
      />
    </Box>
  );
}
