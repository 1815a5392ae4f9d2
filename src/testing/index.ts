// The testing kit that exercise suites import as `advpy-kata/testing`.
export { useExercise, Exercise, PyObject, ref, dedent, type ExerciseOptions, type PyResult } from './exercise.js';
export { PythonError, PythonFailureError } from './errors.js';
export { expectRaises } from './expectations.js';
export type { KitConfig } from './config.js';
export { snippetReport, type SnippetReport } from './snippet-report.js';
export { typecheck, runPyright, formatDiagnostic, snippetLine, SNIPPET_PATH, type TypeDiagnostic, type TypecheckResult, type TypecheckOptions, type PyrightRequest } from './typecheck.js';
