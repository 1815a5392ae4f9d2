/**
 * The bridge paragraph of an exercise's docstring ("You know this from TypeScript/Go
 * as …"), spoken to the language the learner comes from.
 *
 * The stub in the course carries a shared paragraph for both languages. Each
 * exercise also has `course/bridges/<id>.md` with one paragraph per language, and a
 * workspace made with `init --from ts|go` gets that language's paragraph in place of
 * the shared one (so does `reset`). Pure: reading the files is the caller's job.
 */
import type { FromLanguage } from './explanations.js';

/** How the shared paragraph starts in every stub (checked by the course tests). */
export const SHARED_BRIDGE_OPENING = 'You know this from TypeScript/Go';

/** How each language's own paragraph starts. */
export const BRIDGE_OPENING: Record<FromLanguage, string> = {
  ts: 'You know this from TypeScript',
  go: 'You know this from Go',
};

/** Words that would mean a paragraph speaks to the other language after all. */
const OTHER_LANGUAGE: Record<FromLanguage, RegExp> = {
  ts: /\b(Go|goroutines?|golang)\b/,
  go: /\b(TypeScript|JavaScript|TS|JS|Node(\.js)?)\b/,
};

/** The longest line a paragraph may have: it goes into a docstring as it is. */
export const BRIDGE_LINE_LIMIT = 79;

export type Bridges = Record<FromLanguage, string>;

/**
 * Parse a bridge file: `## ts`, its paragraph, a blank line, `## go`, its paragraph.
 * Throws an Error that names what is wrong; see {@link bridgeFileProblems}.
 */
export function parseBridges(text: string): Bridges {
  const problems = bridgeFileProblems(text);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const sections = splitSections(text);
  return { ts: sections.get('ts') ?? '', go: sections.get('go') ?? '' };
}

/** Everything wrong with a bridge file, as sentences; empty when it is well formed. */
export function bridgeFileProblems(text: string): string[] {
  const problems: string[] = [];
  const headings = text.split('\n').filter((line) => line.startsWith('#'));
  if (headings.join('|') !== '## ts|## go') {
    problems.push(`it must have exactly the headings "## ts" then "## go", not ${JSON.stringify(headings)}`);
    return problems;
  }
  if (!text.endsWith('\n') || text.endsWith('\n\n')) problems.push('it must end with exactly one newline');
  for (const [language, paragraph] of splitSections(text)) {
    const lines = paragraph.split('\n');
    if (paragraph === '' || lines.some((line) => line.trim() === '')) {
      problems.push(`the ${language} section must be one paragraph, with no blank lines inside`);
    }
    if (!paragraph.startsWith(BRIDGE_OPENING[language])) problems.push(`the ${language} paragraph must start with "${BRIDGE_OPENING[language]}"`);
    const other = OTHER_LANGUAGE[language].exec(paragraph);
    if (other) problems.push(`the ${language} paragraph speaks to its own language only, but mentions "${other[0]}"`);
    lines.forEach((line, index) => {
      if (line.length > BRIDGE_LINE_LIMIT) problems.push(`${language} line ${index + 1} is ${line.length} characters (at most ${BRIDGE_LINE_LIMIT})`);
      if (line !== line.trim()) problems.push(`${language} line ${index + 1} has leading or trailing spaces`);
    });
    if (paragraph.includes('"""') || paragraph.includes('\\')) problems.push(`the ${language} paragraph must not contain """ or a backslash (it goes into a docstring)`);
  }
  return problems;
}

function splitSections(text: string): Map<FromLanguage, string> {
  const sections = new Map<FromLanguage, string>();
  let current: FromLanguage | undefined;
  let lines: string[] = [];
  const flush = (): void => {
    // Blank lines around a paragraph separate sections; spaces inside lines are kept, so they can be reported.
    if (current !== undefined) sections.set(current, lines.join('\n').replace(/^\n+|\n+$/g, ''));
  };
  for (const line of text.split('\n')) {
    if (line === '## ts' || line === '## go') {
      flush();
      current = line === '## ts' ? 'ts' : 'go';
      lines = [];
    } else {
      lines.push(line);
    }
  }
  flush();
  return sections;
}

/**
 * The stub with its shared bridge paragraph replaced by `paragraph`. The shared
 * paragraph runs from its opening line to the next blank line or the docstring's
 * closing quotes. Throws when the stub has no shared paragraph.
 */
export function withBridge(stub: string, paragraph: string): string {
  const lines = stub.split('\n');
  const start = lines.findIndex((line) => line.startsWith(SHARED_BRIDGE_OPENING));
  if (start === -1) throw new Error(`the stub has no paragraph starting "${SHARED_BRIDGE_OPENING}"`);
  let end = start;
  while (end < lines.length && lines[end]?.trim() !== '' && !lines[end]?.trimStart().startsWith('"""')) end++;
  return [...lines.slice(0, start), ...paragraph.split('\n'), ...lines.slice(end)].join('\n');
}

/** The stub as a learner from `from` should get it; the shared stub when `from` is not set. */
export function stubFor(stub: string, bridges: Bridges | undefined, from: FromLanguage | undefined): string {
  return from === undefined || bridges === undefined ? stub : withBridge(stub, bridges[from]);
}
