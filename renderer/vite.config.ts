import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contractAlias } from '../build/aliases.ts';

/**
 * Plain Vite build of the renderer for the browser host and the end-to-end tests. The Electron
 * build (electron-vite) points at the same index.html. `base: './'` keeps asset URLs relative so the
 * same output works from file:// in Electron and from the loopback host. `outDir` is relative to
 * `root` (this folder), so the bundle lands in <repo>/out/renderer.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  resolve: { alias: contractAlias },
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // The pages other than the client list are split off with React.lazy (app/Shell/RouteView.tsx):
    // the unlock screen and the list parse less JavaScript.
    chunkSizeWarningLimit: 1024,
  },
});
