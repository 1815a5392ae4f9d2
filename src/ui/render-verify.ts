/** The closing summary of `verify` for people. */
import { isVerified, type VerifyReport } from '../core/verify.js';
import type { Theme } from './theme.js';

export function renderVerifyReport(report: VerifyReport, theme: Theme): string {
  const count = (verdict: string): number => report.entries.filter((entry) => entry.verdict === verdict).length;
  const lines: string[] = [''];
  for (const problem of report.problems) lines.push(theme.red(`${theme.glyph.fail} ${problem}`));
  if (report.mode === 'solutions') {
    const stubs = report.entries.filter((entry) => entry.target === 'stub');
    const failingStubs = stubs.filter((entry) => entry.verdict === 'ok').length;
    lines.push(`Stubs failing as they should: ${failingStubs}/${stubs.length}`);
  }
  const summary = `${count('ok')} ok, ${count('problem')} with problems, ${count('skipped')} skipped`;
  const scope = report.mode === 'done' ? ' (the exercises done so far)' : '';
  lines.push(
    isVerified(report) ? theme.green(`${theme.glyph.pass} Verified${scope}: ${summary}.`) : theme.red(`${theme.glyph.fail} Not verified${scope}: ${summary}.`),
  );
  if (count('skipped') > 0) {
    lines.push(
      theme.yellow(
        report.mode === 'done'
          ? 'Skipped exercises could not run on this engine (the reasons are above), so they were not checked. See `advpy-kata doctor`.'
          : 'Skipped exercises could not run here (the reasons are above); they never count as passing. See `advpy-kata doctor`.',
      ),
    );
  }
  const notDone = report.notDone ?? [];
  if (notDone.length > 0) lines.push(theme.dim(`${notDone.length} exercise(s) not done yet were not checked; \`advpy-kata verify\` without --done checks every one.`));
  return lines.join('\n');
}
