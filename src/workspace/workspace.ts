/**
 * Finding the workspace a command runs in: walk up from the current directory,
 * as git does, to a folder with `advpy-kata.json`. The course repo itself also
 * counts, with its stubs as the exercises.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, CONFIG_FORMAT_VERSION, type WorkspaceConfig } from '../core/config.js';
import { KataError, MESSAGES } from '../core/errors.js';
import { formatPath } from '../core/exercise.js';
import { ValidationCache, contentHash } from './validation-cache.js';

export interface Workspace {
  kind: 'workspace' | 'course';
  root: string;
  /** Folder holding `<chapter>/<NN>_<name>.py`. */
  exercisesDir: string;
  stateFile: string;
  /** Where `reset` keeps the learner's previous files. */
  backupsDir: string;
  config: WorkspaceConfig;
}

export const STATE_DIR = '.advpy-kata';

export function workspaceAt(root: string, kind: Workspace['kind'], config: WorkspaceConfig): Workspace {
  return {
    kind,
    root,
    exercisesDir: join(root, 'exercises'),
    stateFile: join(root, STATE_DIR, 'state.json'),
    backupsDir: join(root, STATE_DIR, 'backups'),
    config,
  };
}

export async function findWorkspace(start: string): Promise<Workspace | undefined> {
  let dir = resolve(start);
  for (;;) {
    const configPath = join(dir, CONFIG_FILE);
    if (existsSync(configPath)) return workspaceAt(dir, 'workspace', await readConfig(dir, configPath));
    if (isCourseRepo(dir)) return workspaceAt(dir, 'course', { formatVersion: CONFIG_FORMAT_VERSION, engine: 'auto' });
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export async function requireWorkspace(start: string): Promise<Workspace> {
  const found = await findWorkspace(start);
  if (!found) throw new KataError('NOT_IN_WORKSPACE', `no advpy-kata workspace here (${resolve(start)}) or above`, MESSAGES.notInWorkspace);
  return found;
}

function isCourseRepo(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest) || !existsSync(join(dir, 'course', 'course.json'))) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'advpy-kata';
  } catch {
    return false;
  }
}

async function readConfig(root: string, path: string): Promise<WorkspaceConfig> {
  let raw: unknown;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
    raw = JSON.parse(text);
  } catch (error) {
    throw new KataError('BAD_CONFIG', `${path} is not valid JSON: ${(error as Error).message}`,
      `Fix the file, or replace it with {"formatVersion": ${CONFIG_FORMAT_VERSION}}.`);
  }
  const cache = ValidationCache.read(join(root, STATE_DIR));
  const hash = contentHash(text);
  // Seen and valid before: the parsed JSON is the config (defaults were written out by init).
  if (cache.has(hash)) return raw as WorkspaceConfig;
  const { WorkspaceConfigSchema } = await import('../core/config-schema.js');
  const parsed = WorkspaceConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw new KataError('BAD_CONFIG', `${path} is invalid:\n  ${problems.join('\n  ')}`, 'Fix the fields named above.');
  }
  // Only a file whose parsed form needs no defaults can be trusted as-is next time.
  if (JSON.stringify(parsed.data) === JSON.stringify(raw)) await cache.remember(hash);
  return parsed.data;
}
