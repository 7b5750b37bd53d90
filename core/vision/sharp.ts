import type SharpModule from 'sharp';

/**
 * sharp (libvips, a large native library) is loaded on the first image operation, not when the app's
 * modules are imported: a host that starts and lists clients never pays for it.
 */
export async function loadSharp(): Promise<typeof SharpModule> {
  return (await import('sharp')).default;
}
