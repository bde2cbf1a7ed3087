/**
 * Bundles the Electron side for packaging: main (ESM), the sandboxed preload
 * (one CommonJS file: a sandboxed preload cannot load other files) and the
 * core's utilityProcess entry. Runs here without an Electron runtime.
 */
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'dist/electron');
const pkg = (await import(path.join(root, 'package.json'), { with: { type: 'json' } })) as {
  default: { dependencies: Record<string, string> };
};
const runtimeDependencies = Object.keys(pkg.default.dependencies);

interface Entry {
  entry: string;
  fileName: string;
  format: 'es' | 'cjs';
  external: (id: string) => boolean;
}

const nodeOrElectron = (id: string) => id === 'electron' || id.startsWith('node:');
const nodeOrDependency = (id: string) =>
  nodeOrElectron(id) || runtimeDependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));
const entries: Entry[] = [
  { entry: 'electron/main/main.ts', fileName: 'main.mjs', format: 'es', external: nodeOrElectron },
  // Only `electron` may stay external in a sandboxed preload; zod and the contract are inlined.
  {
    entry: 'electron/preload/preload.ts',
    fileName: 'preload.cjs',
    format: 'cjs',
    external: (id) => id === 'electron',
  },
  {
    entry: 'electron/core/hosts/utility.ts',
    fileName: 'core-host.js',
    format: 'es',
    external: nodeOrDependency,
  },
  // A worker thread of the core, loaded from beside core-host.js (electron/core/db/checkpointer.ts).
  {
    entry: 'electron/core/db/checkpoint-worker.ts',
    fileName: 'checkpoint-worker.js',
    format: 'es',
    external: nodeOrDependency,
  },
  // The sync's writer thread, also beside core-host.js (electron/core/mail/sync-writer/sync-writer.ts).
  {
    entry: 'electron/core/mail/sync-writer/sync-writer-worker.ts',
    fileName: 'sync-writer-worker.js',
    format: 'es',
    external: nodeOrDependency,
  },
];

for (const { entry, fileName, format, external } of entries) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false,
      target: 'node22',
      ssr: true,
      minify: false,
      sourcemap: true,
      rollupOptions: {
        input: path.join(root, entry),
        external,
        output: { format, entryFileNames: fileName, inlineDynamicImports: true },
      },
    },
    ssr: { noExternal: true },
  });
  console.log(`dist/electron/${fileName}`);
}
