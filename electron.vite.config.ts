import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * Monaco's layers (each only imports those before it), each a chunk of its
 * own, so src/renderer/editor/monaco-loader.ts can run them one task at a
 * time. What no layer takes (contributions, the standalone editor, the
 * features we register) is the last chunk, `monaco`.
 */
const MONACO_LAYERS: Array<[name: string, path: RegExp]> = [
  ['base-common', /\/esm\/vs\/(nls[^/]*\.js|base\/common\/)/],
  ['base-browser', /\/esm\/vs\/(amdX\.js|base\/(browser|parts)\/)/],
  ['platform', /\/esm\/vs\/platform\//],
  ['editor-common', /\/esm\/vs\/editor\/common\//],
  ['editor-browser', /\/esm\/vs\/editor\/browser\//],
];
const inMonaco = (id: string, path: RegExp): boolean => {
  const unix = id.replace(/\\/g, '/');
  return unix.includes('/node_modules/monaco-editor/') && path.test(unix);
};

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // The Electron bootstrap, the browser mode's server and the command line
          // (`wirebench`, run by bin/wirebench.js on plain Node): no electron in the last two.
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          serve: resolve(__dirname, 'src/main/browser/serve.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
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
      // Every chunk is under 800 kB now; one past this is worth a look at start-up.
      chunkSizeWarningLimit: 900,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
        output: {
          // The shell (React, the store, the views) is all the first paint needs.
          // Monaco (megabytes) and xterm.js get chunks of their own, fetched on
          // first use (editor/monaco-loader.ts, log/LogPanel.tsx); named, so a
          // test can tell that start-up never asked for them.
          codeSplitting: {
            groups: [
              ...MONACO_LAYERS.map(([name, path], i) => ({
                name: `monaco-${name}`,
                test: (id: string) => inMonaco(id, path),
                priority: 10 + MONACO_LAYERS.length - i,
                // Only Monaco's own files: never the helpers the shell shares.
                includeDependenciesRecursively: false,
              })),
              {
                name: 'monaco',
                test: (id: string) => inMonaco(id, /./),
                includeDependenciesRecursively: false,
              },
              { name: 'xterm', test: /[\\/]node_modules[\\/]@xterm[\\/]/ },
            ],
          },
        },
      },
    },
  },
});
