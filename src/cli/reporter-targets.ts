/**
 * `verify --reporter NAME[:FILE]`, repeatable: which reports one run writes, and
 * where. A reporter without a file writes to stdout, and only one may; when none
 * does, the pretty report goes there, so the log still shows the run.
 */
import { resolve } from 'node:path';
import { KataError } from '../core/errors.js';

export const REPORTERS = ['pretty', 'json', 'junit', 'github'] as const;
export type Reporter = (typeof REPORTERS)[number];

export interface ReporterTarget {
  reporter: Reporter;
  /** Absolute; undefined means stdout. */
  file?: string;
  /** The file as the user wrote it, for messages. */
  shown?: string;
}

const EXAMPLE = 'e.g. `--reporter github --reporter junit:report.xml --reporter json:results.json`';

/**
 * Parse the --reporter values. With none, GitHub Actions (GITHUB_ACTIONS=true) gets
 * the github reporter, since its annotations and summary are what a workflow shows;
 * anywhere else the pretty one.
 */
export function parseReporterTargets(values: readonly string[], env: NodeJS.ProcessEnv, cwd: string): ReporterTarget[] {
  if (values.length === 0) return [{ reporter: env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty' }];
  const targets = values.map((value) => parseOne(value, cwd));
  const toStdout = targets.filter((target) => target.file === undefined);
  if (toStdout.length > 1) {
    throw new KataError(
      'USAGE',
      `${toStdout.map((target) => `--reporter ${target.reporter}`).join(' and ')} would all write to stdout, and only one reporter can`,
      `Give the others a file: --reporter NAME:FILE, ${EXAMPLE}.`,
    );
  }
  const seen = new Map<string, ReporterTarget>();
  for (const target of targets) {
    if (target.file === undefined) continue;
    const earlier = seen.get(target.file);
    if (earlier) {
      throw new KataError('USAGE', `--reporter ${earlier.reporter} and --reporter ${target.reporter} both write to ${target.shown}`, `Give each reporter its own file, ${EXAMPLE}.`);
    }
    seen.set(target.file, target);
  }
  // Someone reads the log: when every report goes to a file, it still shows the run.
  return toStdout.length === 0 && !targets.some((target) => target.reporter === 'pretty') ? [{ reporter: 'pretty' }, ...targets] : targets;
}

function parseOne(value: string, cwd: string): ReporterTarget {
  // Split at the first colon only, so Windows paths (junit:C:\reports\x.xml) keep theirs.
  const colon = value.indexOf(':');
  const name = colon === -1 ? value : value.slice(0, colon);
  const file = colon === -1 ? undefined : value.slice(colon + 1);
  if (!(REPORTERS as readonly string[]).includes(name)) {
    throw new KataError('USAGE', `unknown reporter "${name}"`, `Use one of: ${REPORTERS.join(', ')}, each optionally with a file (NAME:FILE), ${EXAMPLE}.`);
  }
  const reporter = name as Reporter;
  if (file === undefined) return { reporter };
  if (file === '') throw new KataError('USAGE', `--reporter ${value} names no file`, `Write the file after the colon, ${EXAMPLE}, or leave the colon out to write to stdout.`);
  if (reporter === 'github') {
    throw new KataError(
      'USAGE',
      '--reporter github takes no file: GitHub reads its annotations from the log',
      'Use `--reporter github` alone; its job summary goes to the file GitHub names in GITHUB_STEP_SUMMARY.',
    );
  }
  return { reporter, file: resolve(cwd, file), shown: file };
}
