import { formatBytes } from '../../lib/base64.ts';

/** What the file input offers and the detector reads. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp';

/** The contract's upload limit (FileUpload: "at most 64 MB"). */
export const MAX_PHOTO_BYTES = 64 * 1024 * 1024;

export interface FileFacts {
  name: string;
  size: number;
  /** The browser's MIME type; '' when it does not know. */
  type: string;
}

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'jfif', 'png', 'webp'];

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** True for the types the detector reads (JPEG, PNG, WebP), by MIME type or, when unknown, by name. */
export function isPhotoFile(file: FileFacts): boolean {
  if (file.type) return PHOTO_ACCEPT.split(',').includes(file.type.toLowerCase());
  return IMAGE_EXTENSIONS.includes(extensionOf(file.name));
}

/**
 * Why a file is not sent for analysis, or null to send it. Only what is certain before reading it:
 * an empty file, one over the upload limit, or one the browser knows is not an image (a PDF). A
 * damaged or truncated image is the core's to judge, and its message is shown.
 */
export function photoFileProblem(file: FileFacts): string | null {
  if (file.size === 0) return 'The file is empty.';
  if (file.size > MAX_PHOTO_BYTES) {
    return `The file is too large (${formatBytes(file.size)}; at most ${formatBytes(MAX_PHOTO_BYTES)}).`;
  }
  const type = file.type.toLowerCase();
  const ext = extensionOf(file.name);
  if (type === 'application/pdf' || ext === 'pdf') {
    return 'This is a PDF, not a photo. Choose JPEG, PNG or WebP images.';
  }
  if (type !== '' && !type.startsWith('image/')) {
    return 'This is not an image. Choose JPEG, PNG or WebP photos.';
  }
  return null;
}

/** True when a drag carries files (not text or a link), so the drop zone should light up. */
export function dragHasFiles(types: readonly string[]): boolean {
  return types.includes('Files');
}
