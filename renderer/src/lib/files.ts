import { base64ToBytes, mimeFor, stripDataUrl } from './base64.ts';

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
