/** `advpy-kata doctor`: every Python found, which one is used and why, and what to install. */
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { EXIT, type ExitCode } from '../../core/errors.js';
import { CONFIG_FORMAT_VERSION, type EngineChoice } from '../../core/config.js';
import { planEngine } from '../../core/engine-plan.js';
import { userCacheDir } from '../../workspace/cache-dir.js';
import { discoverPythons, renderInstallAdvice } from '../../engine/discover.js';
import { renderDoctor } from '../../ui/render-doctor.js';
import { doctorJson } from '../../ui/doctor-json.js';
import { readCourse } from '../../workspace/course.js';
import { findWorkspace } from '../../workspace/workspace.js';
import { themeFor } from '../../ui/theme.js';
import type { Io } from '../io.js';
import type { EngineOptions } from './run.js';
import { PACKAGE_ROOT } from '../../package-root.js';
import { residentStatus } from '../../resident/status.js';

export interface DoctorOptions extends EngineOptions {
  /** Print the facts as JSON (see ui/doctor-json.ts) instead of text. */
  json?: boolean;
}

export async function runDoctor(options: DoctorOptions, io: Io): Promise<ExitCode> {
  const theme = themeFor(io);
  // doctor must help even outside a workspace, so a missing one means the defaults.
  const workspace = await findWorkspace(io.cwd);
  const config = workspace?.config ?? { formatVersion: CONFIG_FORMAT_VERSION, engine: 'auto' as EngineChoice };
  const engine = options.engine ?? config.engine;
  const explicit = options.python ?? config.python;
  // Every candidate is probed (doctor lists them all); the cache makes repeats cheap.
  const gather = { env: io.env, platform: process.platform, home: homedir(), cacheDir: userCacheDir(io.env) };
  const pythons = await discoverPythons(explicit === undefined ? gather : { ...gather, explicit });
  const course = await readCourse();
  const plans = course.exercises.map((exercise) => ({ exercise, plan: planEngine(exercise, engine, pythons) }));
  const require = createRequire(`${PACKAGE_ROOT}/package.json`);
  const pyodideVersion = (require('pyodide/package.json') as { version: string }).version;
  const resident = await residentStatus(io.env, io.cwd);
  const facts = { node: process.version, platform: process.platform, engine, workspaceRoot: workspace?.root, pythons, plans, pyodideVersion, resident };
  if (options.json === true) io.stdout.write(`${JSON.stringify(doctorJson(facts), null, 2)}\n`);
  else io.stdout.write(`${renderDoctor({ ...facts, theme, installAdvice: renderInstallAdvice(process.platform) })}\n`);
  return plans.every(({ plan }) => plan.engine !== 'none') ? EXIT.ok : EXIT.failing;
}
