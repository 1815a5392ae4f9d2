import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderJsonSchemas } from '../../src/core/json-schema.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';

test.each(Object.entries(renderJsonSchemas()))('schema/%s matches the zod schema (run `npm run schema` after changing it)', (file, text) => {
  expect(readFileSync(join(PACKAGE_ROOT, 'schema', file), 'utf8')).toBe(text);
});

test('the course schema requires at least two hints per exercise', () => {
  const schema = JSON.parse(renderJsonSchemas()['course.schema.json'] ?? '{}');
  const hints = schema.properties.exercises.items.properties.hints;
  expect(hints.minItems).toBe(2);
  expect(hints.description).toMatch(/Progressive hints/);
});
