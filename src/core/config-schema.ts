/** The zod schema for a workspace's `advpy-kata.json`; loaded only when a file needs validating. */
import { z } from 'zod';
import { CONFIG_FORMAT_VERSION } from './config.js';

export const EngineChoiceSchema = z
  .enum(['auto', 'native', 'embedded'])
  .describe('auto: native CPython when one meets the exercise, else the embedded Python.');

export const WorkspaceConfigSchema = z
  .object({
    $schema: z.string().optional(),
    formatVersion: z.literal(CONFIG_FORMAT_VERSION),
    engine: EngineChoiceSchema.default('auto'),
    /** An interpreter to prefer over discovery; `--python` and ADVPY_PYTHON still win. */
    python: z.string().optional(),
    /** The language the learner comes from: explanations of habits lead with it. */
    from: z.enum(['ts', 'go']).optional().describe('ts or go: which language explanations of habits speak to first.'),
  })
  .strict();

export type EngineChoice = z.infer<typeof EngineChoiceSchema>;
export type WorkspaceConfig = z.infer<typeof WorkspaceConfigSchema>;
