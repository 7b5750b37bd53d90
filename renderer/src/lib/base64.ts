/** Base64 helpers for uploads and downloads through the contract (pure; atob/btoa exist in Node too). */

/** The base64 payload of a data: URL as FileReader.readAsDataURL gives it ("data:…;base64,AAAA" → "AAAA"). */
export function stripDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0) return dataUrl;
  return dataUrl.slice(comma + 1);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The MIME type for a download by its extension (the Blob's type; the browser mostly uses the name). */
export function mimeFor(fileName: string): string {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    zip: 'application/zip',
    csv: 'text/csv',
    json: 'application/json',
    pdf: 'application/pdf',
  };
  return types[ext] ?? 'application/octet-stream';
}

/** "1.2 MB", "640 KB", "12 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
