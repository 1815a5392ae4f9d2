/**
 * The VS Code files `init` puts in a workspace. They are committed with the
 * learner's work, so nothing in them may name this machine: the interpreter is
 * left to the editor unless it lives inside the workspace (then it is relative).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

export const VSCODE_DIR = '.vscode';

/**
 * `advpy-kata run` prints a Python failure as the exception, then the frame in
 * the learner's file (src/ui/render-outcome.ts):
 *
 *        ValueError: boom
 *          at exercises/01_decorators/01_logged.py:23 in logged
 *
 * These two lines, in a row, become one Problems entry at that file and line.
 */
export const EXCEPTION_LINE = String.raw`^\s+([A-Z]\w*(?:\.\w+)*(?::.*)?)$`;
export const FRAME_LINE = String.raw`^\s+at (.+\.py):(\d+) in .+$`;

export function vscodeSettings(root: string, pythonPath: string | undefined): Record<string, unknown> {
  const settings: Record<string, unknown> = { 'python.analysis.typeCheckingMode': 'standard', 'files.exclude': { '**/__pycache__': true } };
  const inside = pythonPath === undefined ? undefined : relative(root, pythonPath);
  if (inside !== undefined && inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) {
    settings['python.defaultInterpreterPath'] = `\${workspaceFolder}/${inside.split(sep).join('/')}`;
  }
  return settings;
}

export const VSCODE_EXTENSIONS = { recommendations: ['ms-python.python', 'ms-python.vscode-pylance'] };

export const VSCODE_TASKS = {
  version: '2.0.0',
  tasks: [
    {
      label: 'advpy-kata: run the current exercise',
      type: 'shell',
      command: 'npx advpy-kata run',
      // Colour codes would sit between the matcher and the text it looks for.
      options: { env: { NO_COLOR: '1' } },
      group: { kind: 'test', isDefault: true },
      presentation: { reveal: 'always', clear: true },
      problemMatcher: {
        owner: 'advpy-kata',
        source: 'advpy-kata',
        fileLocation: ['relative', '${workspaceFolder}'],
        severity: 'error',
        pattern: [
          { regexp: EXCEPTION_LINE, message: 1 },
          { regexp: FRAME_LINE, file: 1, line: 2 },
        ],
      },
    },
  ],
};

export async function writeVscodeFiles(root: string, pythonPath: string | undefined): Promise<void> {
  const dir = join(root, VSCODE_DIR);
  await mkdir(dir, { recursive: true });
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  await writeFile(join(dir, 'settings.json'), json(vscodeSettings(root, pythonPath)));
  await writeFile(join(dir, 'extensions.json'), json(VSCODE_EXTENSIONS));
  await writeFile(join(dir, 'tasks.json'), json(VSCODE_TASKS));
}
