import { Button } from '@mantine/core';
import { useState } from 'react';
import { formatBytes } from '../../lib/base64.ts';
import { toApiError } from '../../lib/errors.ts';
import { downloadBase64 } from '../../lib/files.ts';
import { useSessionActions } from '../../lib/session-context.ts';
import { useNotify } from '../Notifications/notify-context.ts';

/** A file the core made, as the contract returns it. */
export interface MadeFile {
  fileName: string;
  dataBase64: string;
  bytes: number;
}

interface FileExportButtonProps<F extends MadeFile> {
  label: string;
  /** Asks the core for the file. */
  make: () => Promise<F>;
  /** The name the file is saved under (default: the core's). */
  saveAs?: (file: F) => string;
  /** The notice after saving (default "Saved name (size)."). */
  savedSentence?: (fileName: string, file: F, size: string) => string;
  savedTitle?: string;
  /** The notice's title when the core could not make the file; its message follows. */
  failTitle: string;
  testId: string;
}

/** A button that has the core make a file and saves it through the browser's download, with a notice. */
export function FileExportButton<F extends MadeFile>(props: FileExportButtonProps<F>): React.JSX.Element {
  const { reportError } = useSessionActions();
  const notify = useNotify();
  const [exporting, setExporting] = useState(false);

  const run = async (): Promise<void> => {
    setExporting(true);
    try {
      const file = await props.make();
      const fileName = props.saveAs?.(file) ?? file.fileName;
      downloadBase64(fileName, file.dataBase64);
      const size = formatBytes(file.bytes);
      notify({
        title: props.savedTitle,
        message: props.savedSentence?.(fileName, file, size) ?? `Saved ${fileName} (${size}).`,
      });
    } catch (e) {
      reportError(e);
      notify({ title: props.failTitle, message: toApiError(e).message, color: 'red' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Button variant="default" onClick={() => void run()} loading={exporting} data-testid={props.testId}>
      {props.label}
    </Button>
  );
}
