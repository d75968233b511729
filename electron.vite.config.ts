import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // The Electron bootstrap, and the browser mode's server (no electron in it).
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          serve: resolve(__dirname, 'src/main/browser/serve.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot require() chunks: bundle it whole, as CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
      externalizeDeps: false,
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    // Relative URLs, so the same index.html loads from the app protocol and over HTTP.
    base: './',
    plugins: [react()],
    resolve: {
      // iconv-lite (GBK and friends) needs Buffer; give the browser the npm one.
      alias: { buffer: 'buffer/' },
    },
    build: {
      minify: true,
      chunkSizeWarningLimit: 6000,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
