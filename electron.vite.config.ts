// electron-vite 6 + Vite 8, explicit entries (no convention guessing):
//   main     electron/main/index.ts            → out/main/index.js   (ESM, package "type": "module")
//            electron/worker/runWorker.ts      → out/main/runWorker.js (worker_threads entry, D's pool
//                                                looks for it beside the main bundle)
//   preload  electron/preload/index.ts         → out/preload/index.cjs (CommonJS: a sandboxed
//                                                renderer cannot load an ESM preload; bundles
//                                                shared/api.ts so it imports only 'electron')
//   renderer renderer/index.html               → out/renderer/
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: true,
      rollupOptions: {
        // G's headless-Chromium PDF path imports playwright-core (a devDependency, so not
        // externalized by default); bundling it would inline 150k lines that resolve their own
        // files at load time. The desktop app prints PDFs with Electron instead.
        external: ['playwright-core'],
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          runWorker: resolve(root, 'electron/worker/runWorker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // Everything but 'electron' is bundled in: the sandboxed preload can require nothing else.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [vue()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves bundles unminified; the renderer is parsed on every window load.
      // WB_UNMINIFIED=1 keeps names readable in CPU profiles (test:e2e with E2E_PROFILE=1).
      minify: !process.env.WB_UNMINIFIED,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
      chunkSizeWarningLimit: 2000,
    },
  },
});
