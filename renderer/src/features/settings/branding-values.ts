/** The report branding form's pure parts (logo checks, dirty state). DOM-free, unit-tested in Node. */

/** Largest logo accepted, in bytes of the image file (the core refuses larger data URLs). */
export const LOGO_MAX_BYTES = 500 * 1024;

export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;

/** A sentence when a chosen logo file cannot be used, or null when it is fine. */
export function logoProblem(file: { name: string; type: string; size: number }): string | null {
  const type = file.type || guessImageType(file.name);
  if (!LOGO_TYPES.some((t) => t === type)) return `${file.name} is not a PNG or JPEG image.`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > LOGO_MAX_BYTES) {
    return `${file.name} is ${Math.ceil(file.size / 1024)} KB; the logo can be at most 500 KB. Use a smaller image.`;
  }
  return null;
}

function guessImageType(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'png') return 'image/png';
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  return '';
}

/** True for a data URL the core accepts as a logo (PNG or JPEG, base64). */
export function isLogoDataUrl(value: string): boolean {
  return /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*$/.test(value);
}

/** FileReader gives JPEGs as image/jpeg but some systems label them image/jpg: normalise. */
export function normaliseLogoDataUrl(dataUrl: string): string {
  return dataUrl.replace(/^data:image\/jpg;/, 'data:image/jpeg;');
}

export interface BrandingValues {
  practitionerCredentials: string;
  practitionerContact: string;
  practiceLogo: string;
  units: 'metric' | 'us';
}

/** The fields that differ from the saved settings (trimmed text), as a settings.update patch. */
export function brandingPatch(values: BrandingValues, saved: BrandingValues): Partial<BrandingValues> {
  const patch: Partial<BrandingValues> = {};
  if (values.practitionerCredentials.trim() !== saved.practitionerCredentials) {
    patch.practitionerCredentials = values.practitionerCredentials.trim();
  }
  if (values.practitionerContact.trim() !== saved.practitionerContact) {
    patch.practitionerContact = values.practitionerContact.trim();
  }
  if (values.practiceLogo !== saved.practiceLogo) patch.practiceLogo = values.practiceLogo;
  if (values.units !== saved.units) patch.units = values.units;
  return patch;
}
