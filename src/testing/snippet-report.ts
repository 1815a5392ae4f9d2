/**
 * Questions a suite asks of one pyright run over a snippet: "is there an error on
 * the line marked `# wrong-keyword`?", "what type did `reveal_type` show on the
 * line marked `# port`?", and "what did pyright say, in words a learner can use?".
 *
 * Lines are found by a marker comment rather than by number, so editing the
 * snippet never silently points a question at the wrong line.
 */
import { dedent } from './exercise.js';
import { formatDiagnostic, type TypeDiagnostic, type TypecheckResult } from './typecheck.js';

export interface SnippetReport {
  /** Errors pyright reported on the snippet line containing `marker`. */
  errorsAt(marker: string): TypeDiagnostic[];
  /**
   * The type pyright printed for a `reveal_type(...)` on the line containing
   * `marker` (`"int"`, `"Bounded[int]"`), or undefined when it printed none
   * there, e.g. because an error stopped the analysis.
   */
  revealedAt(marker: string): string | undefined;
  /** The code on the marked line, without its marker comment, for messages. */
  codeAt(marker: string): string;
  /** Errors in the learner's own module, less the rules the suite allows. */
  moduleErrors(options?: { ignoreRules?: readonly string[] }): TypeDiagnostic[];
  /**
   * Everything pyright reported (errors and warnings, and revealed types), one
   * per line, snippet findings quoted with their code: "pyright reported: …".
   */
  describe(options?: { ignoreRules?: readonly string[] }): string;
}

const REVEALED = /^Type of ".*" is "(.*)"$/s;

export function snippetReport(result: Pick<TypecheckResult, 'diagnostics'>, snippet: string): SnippetReport {
  const lines = dedent(snippet).split('\n');
  const lineOf = (marker: string): number => {
    const index = lines.findIndex((line) => line.includes(marker));
    if (index < 0) throw new Error(`the type-check snippet has no line containing ${JSON.stringify(marker)}`);
    return index + 1;
  };
  const stripMarker = (code: string): string => code.trim().replace(/\s+#.*$/, '');
  const onSnippetLine = (line: number) => result.diagnostics.filter((d) => d.origin === 'snippet' && d.line === line);

  return {
    errorsAt: (marker) => onSnippetLine(lineOf(marker)).filter((d) => d.severity === 'error'),
    revealedAt(marker) {
      for (const diagnostic of onSnippetLine(lineOf(marker))) {
        const match = diagnostic.severity === 'information' ? REVEALED.exec(diagnostic.message) : null;
        if (match) return match[1];
      }
      return undefined;
    },
    codeAt: (marker) => stripMarker(lines[lineOf(marker) - 1] ?? ''),
    moduleErrors: ({ ignoreRules = [] } = {}) =>
      result.diagnostics.filter(
        (d) => d.origin === 'module' && d.severity === 'error' && !(d.rule !== undefined && ignoreRules.includes(d.rule)),
      ),
    describe({ ignoreRules = [] } = {}) {
      const shown = result.diagnostics.filter(
        (d) =>
          !(d.rule !== undefined && ignoreRules.includes(d.rule)) &&
          (d.severity !== 'information' || REVEALED.test(d.message)),
      );
      if (shown.length === 0) return 'pyright reported nothing.';
      const described = shown.map((d) =>
        d.origin === 'snippet'
          ? `\`${stripMarker(lines[d.line - 1] ?? '')}\`: ${d.message.replaceAll('\n', ' ').replaceAll('\u00a0', ' ')}`
          : formatDiagnostic(d),
      );
      return `pyright reported:\n  ${described.join('\n  ')}`;
    },
  };
}
