/** JSON Schemas generated from the zod schemas, so editors complete and check the files. */
import { z } from 'zod';
import { WorkspaceConfigSchema } from './config-schema.js';
import { ManifestSchema } from './manifest.js';
import { VerifyReportSchema } from './verify-report-schema.js';

export function renderJsonSchemas(): Record<string, string> {
  // Files people write are described as input (defaults may be left out); what advpy-kata
  // writes is described as output, where every field is present and no other is allowed.
  const render = (schema: z.ZodType, title: string, io: 'input' | 'output' = 'input'): string =>
    `${JSON.stringify({ title, ...z.toJSONSchema(schema, { io }) }, null, 2)}\n`;
  return {
    'course.schema.json': render(ManifestSchema, 'advpy-kata course manifest'),
    'config.schema.json': render(WorkspaceConfigSchema, 'advpy-kata workspace config'),
    'verify-report.schema.json': render(VerifyReportSchema, 'advpy-kata verify report (verify --reporter json)', 'output'),
  };
}
