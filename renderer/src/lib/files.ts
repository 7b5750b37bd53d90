import { call } from './api.ts';
import { base64ToBytes, bytesToBase64, mimeFor, stripDataUrl } from './base64.ts';

/** A chosen file as the contract's upload (`{ fileName, dataBase64 }`), read in the renderer. */
export function readFileUpload(file: File): Promise<{ fileName: string; dataBase64: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = typeof reader.result === 'string' ? reader.result : '';
      resolve({ fileName: file.name, dataBase64: stripDataUrl(result) });
    };
    reader.onerror = () => reject(new Error(`Could not read ${file.name}.`));
    reader.readAsDataURL(file);
  });
}

/** A food table sent to the core in parts (foods.upload.*): what previewCsv and import then name. */
export interface ChunkedUpload {
  fileName: string;
  uploadId: string;
  size: number;
}

/**
 * Sends a chosen file to the core in parts of at most 1 MiB, in order, reading only one part of it
 * at a time, so neither side ever holds the whole file. `onProgress` gets the bytes sent so far.
 * A failed part ends the upload (the core drops what it had received).
 */
export async function uploadInParts(
  file: File,
  onProgress: (sent: number, total: number) => void = () => {},
): Promise<ChunkedUpload> {
  const { uploadId, chunkBytes, chunks } = await call('foods.upload.begin', { fileName: file.name, size: file.size });
  onProgress(0, file.size);
  try {
    for (let index = 0; index < chunks; index += 1) {
      const start = index * chunkBytes;
      const part = new Uint8Array(await file.slice(start, start + chunkBytes).arrayBuffer());
      const { received } = await call('foods.upload.chunk', { uploadId, index, dataBase64: bytesToBase64(part) });
      onProgress(received, file.size);
    }
  } catch (e) {
    void call('foods.upload.discard', { uploadId }).catch(() => undefined);
    throw e;
  }
  return { fileName: file.name, uploadId, size: file.size };
}

/** Saves base64 data as a file through the browser's download (a Blob behind an <a download>). */
export function downloadBase64(fileName: string, dataBase64: string): void {
  const blob = new Blob([base64ToBytes(dataBase64)], { type: mimeFor(fileName) });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
