/** JSON Schemas generated from the zod schemas, so editors complete and check the files. */
import { z } from 'zod';
import { WorkspaceConfigSchema } from './config-schema.js';
import { ManifestSchema } from './manifest.js';

export function renderJsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, title: string): string =>
    `${JSON.stringify({ title, ...z.toJSONSchema(schema, { io: 'input' }) }, null, 2)}\n`;
  return {
    'course.schema.json': render(ManifestSchema, 'advpy-kata course manifest'),
    'config.schema.json': render(WorkspaceConfigSchema, 'advpy-kata workspace config'),
  };
}
