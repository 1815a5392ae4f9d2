/**
 * A workspace's own settings, `advpy-kata.json` at its root (also how a workspace
 * is recognised). The schema lives in config-schema.ts so that commands which only
 * read an already-validated file never load zod.
 */
export type { EngineChoice, WorkspaceConfig } from './config-schema.js';

export const CONFIG_FILE = 'advpy-kata.json';
export const CONFIG_FORMAT_VERSION = 1;
