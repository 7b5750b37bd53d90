/**
 * The Content-Security-Policy of the app's pages, shared by the Electron main process (response
 * header) and the browser host. renderer/index.html carries the same policy in a <meta> tag.
 * 'unsafe-inline' for styles only: Mantine injects <style> tags at runtime.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
