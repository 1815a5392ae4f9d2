/**
 * The GitHub Actions workflow `init` puts in a workspace: a learner's CI that
 * stays green while they progress (verify --done), on the embedded Python so the
 * runner needs no Python of its own.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const WORKFLOW_FILE = '.github/workflows/advpy-kata.yml';
/** Written by the workflow's verify step and uploaded by the next one; ignored by git. */
export const JUNIT_REPORT_FILE = 'advpy-kata-report.xml';

/**
 * The install step serves both kinds of workspace: with a package.json (which pins
 * advpy-kata) it installs that version, so `npx advpy-kata` runs it; without one,
 * npx fetches advpy-kata itself (npx answers its own prompt in CI).
 */
export function renderWorkflow(): string {
  return `# Checks on every push that the exercises you have finished still pass.
# Exercises you have not done yet are not checked, so this stays green while you
# progress; a done exercise that broke turns it red, with an annotation at the line.
# No Python needed: the embedded Python (CPython on WebAssembly) runs your code.
#
# A teacher's variant, which requires every exercise to pass: remove --done.
# Exercises that need threads or processes cannot run on the embedded Python and
# are reported as not checked; to check them too, add actions/setup-python
# (3.12 or newer) before the verify step and use --engine auto.
name: advpy-kata

on:
  push:
  pull_request:
  workflow_dispatch:

jobs:
  verify:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - name: Install the advpy-kata your package.json pins (if it has one)
        run: if [ -f package-lock.json ]; then npm ci; elif [ -f package.json ]; then npm install; fi
      - name: Check the exercises you have done
        run: npx advpy-kata verify --done --engine embedded --reporter github --reporter junit:${JUNIT_REPORT_FILE}
      - name: Keep the JUnit report
        if: \${{ !cancelled() }}
        uses: actions/upload-artifact@v4
        with:
          name: advpy-kata-report
          path: ${JUNIT_REPORT_FILE}
          if-no-files-found: ignore
`;
}

export async function writeWorkflow(root: string): Promise<void> {
  const path = join(root, WORKFLOW_FILE);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderWorkflow());
}
