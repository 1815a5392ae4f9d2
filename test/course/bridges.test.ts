/**
 * Every exercise's bridge paragraph, in each language a learner can come from
 * (`init --from ts|go`): the file is well formed, the stub has the one shared
 * paragraph it replaces, and the stub with it is still valid Python whose only
 * change is that paragraph.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_BRIDGE_OPENING, bridgeFileProblems, parseBridges, withBridge } from '../../src/core/bridge.js';
import { COURSE_ROOT, readCourse } from '../../src/workspace/course.js';
import { testPython } from '../helpers/python.js';

const course = await readCourse();
const read = (path: string): string => readFileSync(join(COURSE_ROOT, path), 'utf8');

describe.each(course.exercises.map((exercise) => [exercise.id, exercise] as const))('%s', (_id, exercise) => {
  it('has a well-formed bridge file', () => {
    expect(bridgeFileProblems(read(exercise.bridgePath)), exercise.bridgePath).toEqual([]);
  });

  it('has exactly one shared bridge paragraph in its stub', () => {
    const openings = read(exercise.stubPath).split('\n').filter((line) => line.startsWith(SHARED_BRIDGE_OPENING));
    expect(openings, `${exercise.stubPath}: lines starting "${SHARED_BRIDGE_OPENING}"`).toHaveLength(1);
  });
});

it("every stub with each language's paragraph parses, and only its docstring changed", async () => {
  const rendered = course.exercises.flatMap((exercise) => {
    const bridges = parseBridges(read(exercise.bridgePath));
    return (['ts', 'go'] as const).map((language) => ({ name: `${exercise.id} (${language})`, stub: read(exercise.stubPath), text: withBridge(read(exercise.stubPath), bridges[language]) }));
  });
  // One interpreter for all of them: compare each module's AST with its docstring removed.
  const script = `
import ast, json, sys
def body(source):
    tree = ast.parse(source)
    doc = ast.get_docstring(tree, clean=False)
    if doc is None:
        return None
    return ast.dump(ast.Module(body=tree.body[1:], type_ignores=[]))
for item in json.load(sys.stdin):
    try:
        same = body(item["text"]) == body(item["stub"]) and body(item["stub"]) is not None
        print(item["name"], "ok" if same else "changed beyond its docstring")
    except SyntaxError as error:
        print(item["name"], f"does not parse: {error}")
`;
  const output = execFileSync(await testPython(), ['-c', script], { input: JSON.stringify(rendered), encoding: 'utf8' });
  const problems = output.trim().split('\n').filter((line) => !line.endsWith(' ok'));
  expect(problems).toEqual([]);
  expect(output.trim().split('\n')).toHaveLength(course.exercises.length * 2);
});
