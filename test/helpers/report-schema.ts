/** The JSON verify report checked against the schema advpy-kata publishes, with ajv (JSON Schema 2020-12). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.js';

const SCHEMA = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'schema', 'verify-report.schema.json'), 'utf8'));

/** strict: ajv refuses a schema with keywords it does not know, so a broken schema cannot pass everything. */
export const validateReport = new Ajv2020({ allErrors: true, strict: true }).compile(SCHEMA);

/** Fails, with ajv's list of what is wrong, unless `json` matches schema/verify-report.schema.json. */
export function expectValidReport(json: unknown): void {
  const ok = validateReport(json);
  expect(ok, `the report breaks schema/verify-report.schema.json:\n${JSON.stringify(validateReport.errors, null, 2)}`).toBe(true);
}

/** exercism's results.json v3 rules (test-runners/interface.md), written out independently of our schema. */
export function exercismProblems(result: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (result.version !== 3) problems.push('version must be 3');
  if (!['pass', 'fail', 'error'].includes(result.status as string)) problems.push(`status ${String(result.status)} is not pass, fail or error`);
  if (result.status === 'error' && typeof result.message !== 'string') problems.push('an error needs a message');
  if (result.status !== 'error' && result.message !== null && result.message !== undefined) problems.push('message must be null unless status is error');
  if (!Array.isArray(result.tests)) problems.push('tests must be an array');
  for (const test of (result.tests as Array<Record<string, unknown>>) ?? []) {
    if (typeof test.name !== 'string') problems.push('a test needs a name');
    if (!['pass', 'fail', 'error'].includes(test.status as string)) problems.push(`test status ${String(test.status)} is not pass, fail or error`);
    if (typeof test.test_code !== 'string') problems.push(`test ${String(test.name)} needs test_code`);
    if (typeof test.task_id !== 'number') problems.push(`test ${String(test.name)} needs a numeric task_id`);
    if (typeof test.output === 'string' && test.output.length > 500) problems.push(`test ${String(test.name)}: output over 500 characters`);
  }
  return problems;
}
