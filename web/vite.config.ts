import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The UI's own folder; the build lands in <repo>/dist/web, where the server looks for it. */
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));

export default defineConfig({
  plugins: [react()],
  root: webRoot,
  base: '/',
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    // The map's basemap (world-atlas) and the graph library are large; they load only on a story page.
    chunkSizeWarningLimit: 1200,
  },
});
