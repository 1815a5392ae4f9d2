/**
 * The package.json `init` puts in a workspace: it pins the advpy-kata that made
 * the stubs, so `npx advpy-kata` resolves locally (fast, and the same version on
 * every machine and in CI), and the pyright this advpy-kata checks types with, so
 * editors find it too.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

export const PACKAGE_FILE = 'package.json';
const FALLBACK_NAME = 'advpy-kata-workspace';

export interface Pins {
  /** This package's version, exactly. */
  advpyKata: string;
  /** The pyright version this package depends on. */
  pyright: string;
}

export async function ownPins(): Promise<Pins> {
  const own = JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
  const pyright = own.dependencies['pyright'];
  if (pyright === undefined) throw new Error('advpy-kata: its package.json names no pyright dependency');
  return { advpyKata: own.version, pyright };
}

/**
 * A valid npm name from the folder's name. npm refuses to install a package into
 * one of the same name, so the default folder `advpy-kata` cannot keep its name.
 */
export function workspacePackageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/-+$/, '')
    .slice(0, 214);
  if (name === '' || name === 'advpy-kata' || name === 'node_modules' || name === 'favicon.ico') return FALLBACK_NAME;
  return name;
}

export function renderPackageJson(root: string, pins: Pins): string {
  const manifest = {
    name: workspacePackageName(basename(root)),
    private: true,
    description: 'My advpy-kata workspace: advanced Python exercises.',
    scripts: {
      watch: 'advpy-kata watch',
      verify: 'advpy-kata verify',
    },
    devDependencies: {
      'advpy-kata': pins.advpyKata,
      pyright: pins.pyright,
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export async function writePackageJson(root: string, pins: Pins): Promise<void> {
  await writeFile(join(root, PACKAGE_FILE), renderPackageJson(root, pins));
}
