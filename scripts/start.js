// `npm start`: the README's "run it" command. Creates ./advpy-kata the first
// time, then opens it in watch mode, all through the built CLI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'advpy-kata.js');
const workspace = join(root, 'advpy-kata');
const extra = process.argv.slice(2);
// Ctrl-C belongs to the watch session, which restores the terminal and saves progress; we just wait for it.
process.on('SIGINT', () => {});

if (!existsSync(join(workspace, 'advpy-kata.json'))) {
  const init = spawnSync(process.execPath, [bin, 'init', workspace, '--no-install'], { stdio: 'inherit' });
  if (init.status !== 0) process.exit(init.status ?? 1);
}
const watch = spawnSync(process.execPath, [bin, 'watch', ...extra], { stdio: 'inherit', cwd: workspace });
process.exit(watch.status ?? 1);
