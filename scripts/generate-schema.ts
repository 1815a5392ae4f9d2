// Writes schema/*.json from the zod schemas: `npm run schema`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJsonSchemas } from '../src/core/json-schema.js';
import { PACKAGE_ROOT } from '../src/package-root.js';

for (const [file, text] of Object.entries(renderJsonSchemas())) {
  writeFileSync(join(PACKAGE_ROOT, 'schema', file), text);
  console.log(`wrote schema/${file}`);
}
