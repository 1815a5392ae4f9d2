/** render(doctor facts) -> string. */
import type { EngineChoice } from '../core/config.js';
import type { EnginePlan } from '../core/engine-plan.js';
import type { Exercise } from '../core/manifest.js';
import type { ProbedPython } from '../engine/discover.js';
import type { ResidentStatus } from '../resident/status.js';
import type { Theme } from './theme.js';

export interface DoctorFacts {
  theme: Theme;
  node: string;
  platform: string;
  engine: EngineChoice;
  workspaceRoot: string | undefined;
  pythons: readonly ProbedPython[];
  plans: ReadonlyArray<{ exercise: Exercise; plan: EnginePlan }>;
  pyodideVersion: string;
  /** The background runner that `run` in this folder hands its work to (src/resident/). */
  resident: ResidentStatus;
  installAdvice: string;
}

export function renderDoctor(facts: DoctorFacts): string {
  const { theme } = facts;
  const lines: string[] = [
    theme.bold('advpy-kata doctor'),
    `Node ${facts.node} on ${facts.platform}; engine setting: ${facts.engine}` +
      (facts.workspaceRoot ? `; workspace ${facts.workspaceRoot}` : '; not in a workspace'),
    '',
    theme.bold('Pythons found, in the order they are tried:'),
  ];
  const used = new Set(facts.plans.flatMap(({ plan }) => (plan.engine === 'native' ? [plan.python.path] : [])));
  if (facts.pythons.length === 0) lines.push('  (none)');
  for (const python of facts.pythons) {
    if (!python.ok) {
      lines.push(`  ${theme.red(theme.glyph.fail)} ${python.path} ${theme.dim(`(${python.source})`)}: ${python.problem}`);
      continue;
    }
    // The build is what Py_GIL_DISABLED says; the GIL can still be on at run time (PYTHON_GIL=1, or an extension that needs it).
    const ft = python.freeThreadingBuild
      ? python.gilEnabled
        ? ` ${theme.cyan('[free-threading build]')} but the GIL is on at run time (PYTHON_GIL=1, or an extension turned it back on)`
        : ` ${theme.cyan('[free-threading]')} GIL off`
      : '';
    const mark = used.has(python.path) ? theme.green(`${theme.glyph.pass} used`) : '  ';
    const tooOld = python.version.major === 3 && python.version.minor < 12 ? theme.yellow(' too old for this course (needs 3.12+ for PEP 695 syntax)') : '';
    lines.push(`  ${mark} ${python.implementation} ${python.versionText}${ft}  ${python.path} ${theme.dim(`(${python.source})`)}${tooOld}`);
  }
  lines.push('', theme.bold('Which engine runs each exercise:'));
  const groups = new Map<string, string[]>();
  for (const { exercise, plan } of facts.plans) {
    const key =
      plan.engine === 'native'
        ? `native CPython ${plan.python.versionText} (${plan.python.path}): ${plan.why}`
        : plan.engine === 'embedded'
          ? `embedded Python (Pyodide ${facts.pyodideVersion}, CPython 3.14, no install needed): ${plan.why}`
          : `${theme.red('cannot run here')}: ${plan.reason}. ${plan.fix}`;
    groups.set(key, [...(groups.get(key) ?? []), exercise.code]);
  }
  for (const [key, codes] of groups) lines.push(`  ${codes.join(' ')} ${theme.glyph.arrow} ${key}`);
  lines.push('', `${theme.bold('Resident runner for `run` here:')} ${describeResident(facts.resident)}`);
  const anyNative = facts.plans.some(({ plan }) => plan.engine === 'native');
  if (!anyNative) lines.push('', theme.bold('To run on native CPython, install one:'), ...facts.installAdvice.split('\n').map((line) => `  ${line}`));
  return lines.join('\n');
}

function describeResident(resident: ResidentStatus): string {
  const ends = (status: { idleSeconds: number }): string =>
    `it ends after ${status.idleSeconds >= 120 ? `${status.idleSeconds / 60} idle minutes` : `${status.idleSeconds} idle seconds`}; ADVPY_RESIDENT=0 turns it off`;
  switch (resident.state) {
    case 'off':
      return `off (${resident.why})`;
    case 'running':
      return `running, at ${resident.socket}; ${ends(resident)}`;
    case 'not running':
      return `not running; the next \`run\` starts one, to keep later runs fast (${ends(resident)})`;
  }
}
