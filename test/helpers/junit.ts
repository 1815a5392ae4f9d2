/**
 * Read a JUnit report the way CI systems do, and say everything wrong with it:
 *
 * - saxes, a conforming XML 1.0 parser, decides whether the file is readable at all
 *   (forbidden characters such as U+FFFF or a lone surrogate make it unreadable),
 *   and gives attributes as a conforming parser sees them (raw newlines become spaces);
 * - the rules of the JUnit schema Jenkins' xunit plugin validates against
 *   (junit-10.xsd): required attributes, which element may hold which, time format;
 * - junit2json, a JUnit reader from npm, gives the structure tests then look at, and
 *   its counts must agree with the attributes.
 */
import { SaxesParser } from 'saxes';
import { parse, type TestSuites } from 'junit2json';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** The document as a conforming parser reads it; throws on the first well-formedness error, with where it is. */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: '' };
    stack.at(-1)?.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure) {
    const at = /^(\d+):(\d+)/.exec(failure.message);
    const line = at ? (xml.split('\n')[Number(at[1]) - 1] ?? '') : '';
    throw new Error(`not well-formed XML: ${failure.message}${line ? `\n  in line: ${JSON.stringify(line.slice(0, 200))}` : ''}`);
  }
  return root;
}

/** Elements and attributes junit-10.xsd allows (the ones this report could use). */
const ALLOWED: Record<string, { attributes: string[]; required: string[]; children: string[] }> = {
  testsuites: { attributes: ['name', 'time', 'tests', 'failures', 'errors'], required: [], children: ['testsuite'] },
  testsuite: {
    attributes: ['name', 'tests', 'failures', 'errors', 'group', 'time', 'skipped', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url'],
    required: ['name', 'tests', 'failures', 'errors'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
  },
  testcase: { attributes: ['name', 'time', 'classname', 'group'], required: ['name'], children: ['skipped', 'error', 'failure', 'system-out', 'system-err'] },
  failure: { attributes: ['type', 'message'], required: [], children: [] },
  error: { attributes: ['type', 'message'], required: [], children: [] },
  skipped: { attributes: ['type', 'message'], required: [], children: [] },
  'system-out': { attributes: [], required: [], children: [] },
  'system-err': { attributes: [], required: [], children: [] },
};
/** junit-10.xsd's SUREFIRE_TIME, for plain numbers. */
const TIME = /^\d+(\.\d*)?$/;

/** Every way the document breaks the xunit JUnit schema, as sentences; empty when it conforms. */
export function schemaViolations(root: XmlElement): string[] {
  const problems: string[] = [];
  const [top, ...others] = root.children;
  if (!top || others.length > 0 || top.name !== 'testsuites') problems.push('the document must have one root element, <testsuites>');
  const visit = (element: XmlElement, where: string): void => {
    const rule = ALLOWED[element.name];
    if (!rule) {
      problems.push(`${where}: <${element.name}> is not a JUnit element`);
      return;
    }
    for (const name of rule.required) if (!(name in element.attributes)) problems.push(`${where}: <${element.name}> lacks the required attribute ${name}`);
    for (const name of Object.keys(element.attributes)) if (!rule.attributes.includes(name)) problems.push(`${where}: <${element.name}> may not have the attribute ${name}`);
    if ('time' in element.attributes && !TIME.test(element.attributes.time ?? '')) problems.push(`${where}: time="${element.attributes.time}" is not a number of seconds`);
    for (const name of ['tests', 'failures', 'errors', 'skipped']) {
      if (name in element.attributes && !/^\d+$/.test(element.attributes[name] ?? '')) problems.push(`${where}: ${name}="${element.attributes[name]}" is not a count`);
    }
    element.children.forEach((child, index) => {
      if (!rule.children.includes(child.name)) problems.push(`${where}: <${element.name}> may not hold <${child.name}>`);
      visit(child, `${where}/${child.name}[${index}]`);
    });
  };
  if (top) visit(top, 'testsuites');
  return problems;
}

/** Counts junit2json read that disagree with what the elements hold, as sentences. */
function countViolations(report: TestSuites): string[] {
  const problems: string[] = [];
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const suite of report.testsuite ?? []) {
    const cases = suite.testcase ?? [];
    const held = {
      tests: cases.length,
      failures: cases.filter((testCase) => (testCase.failure?.length ?? 0) > 0).length,
      errors: cases.filter((testCase) => (testCase.error?.length ?? 0) > 0).length,
      skipped: cases.filter((testCase) => (testCase.skipped?.length ?? 0) > 0).length,
    };
    for (const key of Object.keys(held) as Array<keyof typeof held>) {
      if (suite[key] !== held[key]) problems.push(`testsuite "${suite.name}": ${key}="${suite[key]}" but it holds ${held[key]}`);
      totals[key] += held[key];
    }
    for (const testCase of cases) {
      const results = (testCase.failure?.length ?? 0) + (testCase.error?.length ?? 0) + (testCase.skipped?.length ?? 0);
      if (results > 1) problems.push(`testcase "${testCase.name}" in "${suite.name}" has ${results} results; one at most`);
    }
  }
  for (const key of ['tests', 'failures', 'errors'] as const) {
    if (report[key] !== totals[key]) problems.push(`testsuites: ${key}="${report[key]}" but its suites add up to ${totals[key]}`);
  }
  return problems;
}

export interface Junit {
  /** As a conforming XML parser reads it (attributes normalised). */
  document: XmlElement;
  /** As junit2json reads it. */
  report: TestSuites;
}

/** Read a JUnit report; throws, listing every problem, unless it is well-formed, conforms and counts right. */
export async function readJunit(xml: string): Promise<Junit> {
  const document = parseXml(xml);
  const report = await parse(xml);
  const problems = [...schemaViolations(document), ...countViolations(report)];
  if (problems.length > 0) throw new Error(`the JUnit report breaks the xunit schema or its own counts:\n- ${problems.join('\n- ')}`);
  return { document, report };
}

/** Every element with this name, depth first. */
export function elements(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((child) => elements(child, name))];
}
