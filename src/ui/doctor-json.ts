/**
 * `doctor --json`: the same facts as the text report, as data for scripts and CI
 * (which Python each exercise would run on, and why). `formatVersion` changes only
 * when a field changes meaning or goes away; new fields may appear at any time.
 */
import type { Capability } from '../core/capabilities.js';
import { EMBEDDED_CAPABILITIES, EMBEDDED_PYTHON } from '../core/engine-plan.js';
import { capabilitiesOf, choosePython, type PythonSource } from '../core/python-choice.js';
import type { DoctorFacts } from './render-doctor.js';

export const DOCTOR_JSON_FORMAT = 1;

export type DoctorPython =
  | {
      path: string;
      source: PythonSource;
      ok: true;
      /** `sys.executable` with symlinks resolved. */
      realPath: string;
      implementation: string;
      /** As `python --version` prints it: "3.13.1", "3.14.0rc1". */
      version: string;
      versionInfo: { major: number; minor: number; micro: number };
      freeThreadingBuild: boolean;
      gilEnabled: boolean;
      capabilities: Capability[];
      /** Runs at least one exercise here. */
      used: boolean;
      /** Why it cannot run this course at all (too old, not CPython); absent when it can. */
      unfit?: string;
    }
  | { path: string; source: PythonSource; ok: false; problem: string };

export type DoctorExercise = { exercise: string } & (
  | { engine: 'native'; python: string; why: string }
  | { engine: 'embedded'; why: string }
  | { engine: 'none'; reason: string; fix: string }
);

export interface DoctorJson {
  formatVersion: typeof DOCTOR_JSON_FORMAT;
  node: string;
  platform: string;
  /** The engine setting in force: --engine, else the workspace's, else auto. */
  engine: string;
  /** The workspace's root, or null outside one. */
  workspace: string | null;
  embedded: { pyodide: string; python: string; capabilities: Capability[] };
  /** Every interpreter found, in the order they are tried. */
  pythons: DoctorPython[];
  exercises: DoctorExercise[];
  /** The background runner `run` in this folder hands its work to: running, not running (the next `run` starts one) or off. */
  resident: { state: 'running' | 'not running'; socket: string; idleSeconds: number } | { state: 'off'; why: string };
  /** Every exercise can run here (the exit code says the same). */
  ok: boolean;
}

export function doctorJson(facts: Omit<DoctorFacts, 'theme' | 'installAdvice'>): DoctorJson {
  const used = new Set(facts.plans.flatMap(({ plan }) => (plan.engine === 'native' ? [plan.python.path] : [])));
  // The course-wide floor, as `doctor` words it: exercises may ask for more.
  const unfit = new Map(choosePython(facts.pythons, { minVersion: [3, 12], minVersionReason: 'PEP 695 syntax', capabilities: [] }).rejected.map(({ python, why }) => [python, why]));
  const pythons = facts.pythons.map((python): DoctorPython => {
    if (!python.ok) return { path: python.path, source: python.source, ok: false, problem: python.problem };
    const why = unfit.get(python);
    return {
      path: python.path,
      source: python.source,
      ok: true,
      realPath: python.realPath,
      implementation: python.implementation,
      version: python.versionText,
      versionInfo: { ...python.version },
      freeThreadingBuild: python.freeThreadingBuild,
      gilEnabled: python.gilEnabled,
      capabilities: capabilitiesOf(python),
      used: used.has(python.path),
      ...(why === undefined ? {} : { unfit: why }),
    };
  });
  const exercises = facts.plans.map(({ exercise, plan }): DoctorExercise => {
    switch (plan.engine) {
      case 'native':
        return { exercise: exercise.id, engine: 'native', python: plan.python.path, why: plan.why };
      case 'embedded':
        return { exercise: exercise.id, engine: 'embedded', why: plan.why };
      case 'none':
        return { exercise: exercise.id, engine: 'none', reason: plan.reason, fix: plan.fix };
    }
  });
  return {
    formatVersion: DOCTOR_JSON_FORMAT,
    node: facts.node,
    platform: facts.platform,
    engine: facts.engine,
    workspace: facts.workspaceRoot ?? null,
    embedded: { pyodide: facts.pyodideVersion, python: EMBEDDED_PYTHON, capabilities: [...EMBEDDED_CAPABILITIES] },
    pythons,
    exercises,
    resident: facts.resident,
    ok: exercises.every((entry) => entry.engine !== 'none'),
  };
}
