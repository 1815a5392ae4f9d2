/** A workspace's own settings, `advpy-kata.json` at its root (also how a workspace is recognised). */
import { z } from 'zod';

export const CONFIG_FILE = 'advpy-kata.json';
export const CONFIG_FORMAT_VERSION = 1;

export const EngineChoiceSchema = z
  .enum(['auto', 'native', 'embedded'])
  .describe('auto: native CPython when one meets the exercise, else the embedded Python.');
export type EngineChoice = z.infer<typeof EngineChoiceSchema>;

export const WorkspaceConfigSchema = z
  .object({
    $schema: z.string().optional(),
    formatVersion: z.literal(CONFIG_FORMAT_VERSION),
    engine: EngineChoiceSchema.default('auto'),
    /** An interpreter to prefer over discovery; `--python` and ADVPY_PYTHON still win. */
    python: z.string().optional(),
  })
  .strict();

export type WorkspaceConfig = z.infer<typeof WorkspaceConfigSchema>;
