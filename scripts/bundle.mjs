// Build step after tsc: bundle the CLI into a few files (Node resolves one ESM
// file far faster than dozens, which is most of a short command's start-up),
// and validate the course manifest once, recording its hash so commands can
// read an unchanged manifest without loading zod. Run by `npm run build`.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'cli-bundle');
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: { main: join(root, 'src', 'cli', 'main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Heavy dependencies stay outside: they load only when a command needs them.
  external: ['vitest', 'vitest/*', 'chokidar', 'pyodide', 'pyright'],
  // commander is CommonJS; a bundled ESM file needs a real `require` for it.
  banner: { js: "import { createRequire as __advpyRequire } from 'node:module'; const require = __advpyRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The resident runner's client (src/resident/client.ts) is loaded before anything else
// by every `run`: one self-contained CommonJS file, required by the CommonJS bin. An
// ES module entry costs Node 9 ms more to start than a CommonJS one, and a chunk graph
// more again: a handed-off run takes about 60 ms in all, so both count.
await build({
  entryPoints: [join(root, 'src', 'resident', 'client.ts')],
  outfile: join(outdir, 'client.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  // package-root.ts finds the package from its own URL.
  define: { 'import.meta.url': '__advpyModuleUrl' },
  banner: { js: "const __advpyModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

const { parseManifest } = await import(join(root, 'dist', 'core', 'manifest.js'));
const text = readFileSync(join(root, 'course', 'course.json'), 'utf8');
const result = parseManifest(JSON.parse(text));
if (!result.value) {
  console.error(`course/course.json is invalid:\n  ${result.errors.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(join(root, 'dist', 'course.validated'), `${createHash('sha256').update(text).digest('hex')}\n`);
