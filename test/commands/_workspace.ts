/**
 * Fixture workspaces for command tests: `init` runs once per test file into a
 * template, and each test works on its own copy, so tests cannot see each
 * other's progress.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { State } from '../../src/core/state.js';
import { readCourse } from '../../src/workspace/course.js';
import { memoryIo, type MemoryIo } from '../helpers/io.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export class Sandbox {
  readonly root = mkdtempSync(join(tmpdir(), 'advpy-commands-'));
  readonly cache = join(this.root, 'cache');
  /** An empty folder outside any workspace. */
  readonly outside = this.dir('outside');
  private template: string | undefined;
  private copies = 0;

  /** Environment every command gets: a private cache, plus `extra`. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return { ADVPY_CACHE_DIR: this.cache, ...extra };
  }

  io(cwd: string, extra: NodeJS.ProcessEnv = {}): MemoryIo {
    return memoryIo(cwd, this.env(extra));
  }

  async cli(args: string[], cwd: string, extra: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    const io = this.io(cwd, extra);
    const code = await runCli(args, io);
    return { code, out: io.out(), err: io.err() };
  }

  dir(name: string): string {
    const path = join(this.root, name);
    mkdirSync(path, { recursive: true });
    return path;
  }

  /** A fresh workspace, copied from one made by `advpy-kata init` (made on first use). */
  async workspace(extra: NodeJS.ProcessEnv = {}): Promise<string> {
    if (this.template === undefined) {
      const template = join(this.root, 'template');
      const result = await this.cli(['init', template, '--no-git', '--no-install'], this.root, extra);
      expect(result, 'init of the fixture workspace').toMatchObject({ code: 0, err: '' });
      this.template = template;
    }
    const copy = join(this.root, `ws${++this.copies}`);
    cpSync(this.template, copy, { recursive: true });
    return copy;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export const COURSE = await readCourse();
export const IDS = COURSE.exercises.map((exercise) => exercise.id);

export function stateFile(workspace: string): string {
  return join(workspace, '.advpy-kata', 'state.json');
}

export function readStateJson(workspace: string): State {
  return JSON.parse(readFileSync(stateFile(workspace), 'utf8')) as State;
}

/** Write a progress file with `done` finished and `current` current. */
export function writeProgress(workspace: string, done: string[], current: string, hintsShown = 0): void {
  const exercises = Object.fromEntries(
    IDS.map((id) => [id, done.includes(id) ? { status: 'done', hintsShown, attempts: 1, doneAt: '2025-01-01T00:00:00.000Z' } : { status: 'pending', hintsShown, attempts: 0 }]),
  );
  writeFileSync(stateFile(workspace), JSON.stringify({ formatVersion: 1, current, exercises }, null, 2));
}

/** Every file under `dir`, relative, with forward slashes. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/'))
    .sort();
}

export const ANSI = /\u001b\[/;
