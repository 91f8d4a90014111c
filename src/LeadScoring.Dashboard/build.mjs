// Bundles the dashboard into dist/: index.html, app.js (TypeScript + Chart.js) and styles.css.
// No content hashes in file names: the function serves every asset with an ETag and
// Cache-Control: no-cache, so a new deployment is picked up without renaming files.
import { build } from 'esbuild';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(fileURLToPath(import.meta.url));
const outdir = process.argv[2] ?? join(root, 'dist');

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await build({
  entryPoints: { app: join(root, 'src/main.ts'), styles: join(root, 'src/styles.css') },
  outdir,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022', 'chrome111', 'firefox111', 'safari16'],
  legalComments: 'linked',
  logLevel: 'warning',
});
await copyFile(join(root, 'src/index.html'), join(outdir, 'index.html'));
// MSBuild compares this stamp with the sources to skip the build when nothing changed.
await writeFile(join(outdir, '.stamp'), new Date().toISOString() + '\n');
