import { beforeEach, expect, test } from 'vitest';
import { PythonError, expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// ---- How the suite imagines interpreters this machine does not have ---------
//
// No machine running this suite has a free-threaded build, and only some have
// sys._is_gil_enabled (3.13+). So `Runtime(...)` describes an imagined
// interpreter, and `run_in(runtime)` makes the learner's code see it:
//
// * It imports a FRESH copy of the learner's file while the fake is in place
//   (under another module name; the real `ex` is left alone). That is what makes
//   the fake fair to every import style: `import sysconfig` then
//   `sysconfig.get_config_var(...)`, `from sysconfig import get_config_var`,
//   `from sys import version_info`, and values computed once at import time all
//   see the imagined runtime, because the copy's imports happen inside it.
//   Patching `sysconfig.get_config_var` after the import would miss a name the
//   module copied with `from ... import`.
// * During the fake, sys.modules["sys"] and sys.modules["sysconfig"] are proxies
//   that pass everything through to the real modules except what the runtime
//   fakes: `get_config_var("Py_GIL_DISABLED")` and `get_config_vars()`;
//   `sys._is_gil_enabled` (present, or missing like on 3.12, so `hasattr`,
//   `getattr(sys, "_is_gil_enabled", None)`, try/except AttributeError and
//   `from sys import _is_gil_enabled` all behave as they would there); and
//   `sys.version_info`/`sys.hexversion` (3.12 when the function is missing, 3.13+
//   when it is there), so a `sys.version_info >= (3, 13)` guard is judged fairly
//   even when this suite runs on 3.12. The same fakes are also set on the real
//   modules, for code that reaches them another way. Everything is restored in
//   a `finally`; proxies left behind pass everything through.
// * `runtime.gil_checks` counts calls to the fake sys._is_gil_enabled, so a
//   message can say when the runtime was never asked.
//
// `pick(workload, gil_enabled)` calls choose_executor and says what happened: an
// Executor's value, or "raised ..." / "returned ..." in words.
beforeEach(async () => {
  await py.exec(`
    import contextlib
    import importlib.util
    import inspect
    import sys
    import sysconfig
    import types
    from collections import namedtuple

    def pick(workload, gil_enabled):
        try:
            result = ex.choose_executor(workload, gil_enabled=gil_enabled)
        except Exception as exc:
            return f"raised {type(exc).__name__}" + (f": {exc}" if str(exc) else "")
        if isinstance(result, ex.Executor):
            return result.value
        return f"returned {result!r}, a {type(result).__name__} rather than an Executor member"

    REAL_SYS = sys
    REAL_SYSCONFIG = sysconfig
    REAL_GET_CONFIG_VAR = sysconfig.get_config_var
    REAL_GET_CONFIG_VARS = sysconfig.get_config_vars
    REAL_IS_GIL_ENABLED = getattr(sys, "_is_gil_enabled", None)
    VersionInfo = namedtuple("VersionInfo", "major minor micro releaselevel serial")
    FRESH = "_advpy_free_threading_copy"

    class Runtime:
        """An imagined interpreter: its build flag, its GIL now, and whether sys._is_gil_enabled exists."""

        def __init__(self, *, py_gil_disabled, gil_enabled, has_is_gil_enabled):
            self.py_gil_disabled = py_gil_disabled
            self.gil_enabled = gil_enabled
            self.has_is_gil_enabled = has_is_gil_enabled
            self.gil_checks = 0
            self.config_reads = 0
            self.active = False
            real = tuple(REAL_SYS.version_info)
            if not has_is_gil_enabled:
                self.version_info = VersionInfo(3, 12, 9, "final", 0)
            elif real >= (3, 13):
                self.version_info = VersionInfo(*real)
            else:
                self.version_info = VersionInfo(3, 13, 2, "final", 0)
            v = self.version_info
            self.hexversion = (v.major << 24) | (v.minor << 16) | (v.micro << 8) | 0xF0

        def is_gil_enabled(self):
            self.gil_checks += 1
            return self.gil_enabled

        def get_config_var(self, name):
            if name == "Py_GIL_DISABLED":
                self.config_reads += 1
                return self.py_gil_disabled
            return REAL_GET_CONFIG_VAR(name)

        def get_config_vars(self, *names):
            self.config_reads += 1
            values = dict(REAL_GET_CONFIG_VARS())
            values.pop("Py_GIL_DISABLED", None)
            if self.py_gil_disabled is not None:
                values["Py_GIL_DISABLED"] = self.py_gil_disabled
            return [values.get(name) for name in names] if names else values

        def sys_attribute(self, name):
            if name == "_is_gil_enabled":
                if self.has_is_gil_enabled:
                    return self.is_gil_enabled
                raise AttributeError("module 'sys' has no attribute '_is_gil_enabled'")
            if name == "version_info":
                return self.version_info
            if name == "hexversion":
                return self.hexversion
            return getattr(REAL_SYS, name)

        def sysconfig_attribute(self, name):
            if name == "get_config_var":
                return self.get_config_var
            if name == "get_config_vars":
                return self.get_config_vars
            return getattr(REAL_SYSCONFIG, name)

    class ModuleProxy(types.ModuleType):
        """Stands in for a module: the runtime's fakes while it is active, the real module after."""

        def __init__(self, real, runtime, lookup):
            super().__init__(real.__name__, real.__doc__)
            for key in ("__spec__", "__loader__", "__package__"):
                vars(self).pop(key, None)
            vars(self)["_advpy_real"] = real
            vars(self)["_advpy_runtime"] = runtime
            vars(self)["_advpy_lookup"] = lookup

        def __getattr__(self, name):
            own = vars(self)
            if own["_advpy_runtime"].active:
                return own["_advpy_lookup"](name)
            return getattr(own["_advpy_real"], name)

        def __dir__(self):
            names = set(dir(vars(self)["_advpy_real"]))
            runtime = vars(self)["_advpy_runtime"]
            if self.__name__ == "sys" and runtime.active:
                (names.add if runtime.has_is_gil_enabled else names.discard)("_is_gil_enabled")
            return sorted(names)

    def set_real_is_gil_enabled(function):
        if function is None:
            vars(REAL_SYS).pop("_is_gil_enabled", None)
        else:
            REAL_SYS._is_gil_enabled = function

    @contextlib.contextmanager
    def pretend(runtime):
        saved_modules = {name: sys.modules[name] for name in ("sys", "sysconfig")}
        runtime.active = True
        try:
            sys.modules["sys"] = ModuleProxy(REAL_SYS, runtime, runtime.sys_attribute)
            sys.modules["sysconfig"] = ModuleProxy(REAL_SYSCONFIG, runtime, runtime.sysconfig_attribute)
            REAL_SYSCONFIG.get_config_var = runtime.get_config_var
            REAL_SYSCONFIG.get_config_vars = runtime.get_config_vars
            set_real_is_gil_enabled(runtime.is_gil_enabled if runtime.has_is_gil_enabled else None)
            yield
        finally:
            runtime.active = False
            sys.modules.update(saved_modules)
            REAL_SYSCONFIG.get_config_var = REAL_GET_CONFIG_VAR
            REAL_SYSCONFIG.get_config_vars = REAL_GET_CONFIG_VARS
            set_real_is_gil_enabled(REAL_IS_GIL_ENABLED)
            # A module first imported during the fake holds a proxy: give it the real module.
            for module in list(sys.modules.values()):
                namespace = getattr(module, "__dict__", None)
                if isinstance(namespace, dict):
                    for key, value in list(namespace.items()):
                        if isinstance(value, ModuleProxy):
                            namespace[key] = vars(value)["_advpy_real"]

    def describe(report):
        """The report's fields as reprs (so 1 and True stay apart), and its summary."""
        missing = object()
        fields = {}
        for name in ("free_threaded_build", "gil_enabled", "summary"):
            try:
                value = getattr(report, name, missing)
            except Exception as exc:
                value = f"<reading it raised {type(exc).__name__}: {exc}>"
            fields[name] = "<missing>" if value is missing else repr(value)
        summary = getattr(report, "summary", None)
        fields["summary_text"] = summary if isinstance(summary, str) else None
        fields["summary_is_callable"] = callable(summary)
        fields["type"] = type(report).__name__
        return fields

    def run_in(runtime, gil_states=None):
        """In runtime: import a fresh copy of the learner's file, then call runtime_report()
        once per entry of gil_states (the GIL state set just before that call)."""
        gil_states = [runtime.gil_enabled] if gil_states is None else gil_states
        outcome = {"reports": [], "gil_checks": [], "import_checks": 0, "config_reads": 0, "error": None, "stage": None}
        with pretend(runtime):
            try:
                try:
                    spec = importlib.util.spec_from_file_location(FRESH, ex.__file__)
                    module = importlib.util.module_from_spec(spec)
                    sys.modules[FRESH] = module
                    spec.loader.exec_module(module)
                except Exception as exc:
                    outcome.update(error=f"{type(exc).__name__}: {exc}", stage="import")
                    return outcome
                outcome["import_checks"] = runtime.gil_checks
                for state in gil_states:
                    runtime.gil_enabled = state
                    before = runtime.gil_checks
                    try:
                        report = module.runtime_report()
                    except Exception as exc:
                        outcome.update(error=f"{type(exc).__name__}: {exc}", stage="call")
                        return outcome
                    outcome["reports"].append(describe(report))
                    outcome["gil_checks"].append(runtime.gil_checks - before)
                outcome["config_reads"] = runtime.config_reads
                return outcome
            finally:
                sys.modules.pop(FRESH, None)

    STANDARD_313 = dict(py_gil_disabled=0, gil_enabled=True, has_is_gil_enabled=True)
    FREE_THREADED_GIL_OFF = dict(py_gil_disabled=1, gil_enabled=False, has_is_gil_enabled=True)
    FREE_THREADED_GIL_ON = dict(py_gil_disabled=1, gil_enabled=True, has_is_gil_enabled=True)
    OLD_312 = dict(py_gil_disabled=None, gil_enabled=True, has_is_gil_enabled=False)
  `);
});

// ---- choose_executor ---------------------------------------------------------

type Gil = 'True' | 'False';

async function pick(workload: string, gil: Gil): Promise<string> {
  return py.value<string>(`pick(${workload}, ${gil})`);
}

/** The whole table as the learner's function answers it, for probes. */
async function table(): Promise<Record<string, Record<Gil, string>>> {
  return py.value(`{
    member.name: {"True": pick(member, True), "False": pick(member, False)}
    for member in ex.Workload
  }`);
}

/** What pick() reported, as the end of "…, but it ___". */
function said(got: string): string {
  return /^(raised|returned) /.test(got) ? got : `chose ${got}`;
}

async function expectRow(member: string, gil: Gil, expected: string, why: string): Promise<void> {
  const got = await pick(`ex.Workload.${member}`, gil);
  let probe = '';
  if (gil === 'False' && got !== expected) {
    const rows = await table();
    const answers = Object.values(rows);
    const ignoresGil =
      answers.every((row) => row.True === row.False) &&
      answers.every((row) => !/^(raised|returned) /.test(row.True));
    if (ignoresGil)
      probe = ' Your function gives the same answer for every workload whether gil_enabled is True or False: it never looks at gil_enabled.';
  }
  expect(
    got,
    `choose_executor(Workload.${member}, gil_enabled=${gil}) should be Executor.${expected.toUpperCase()}, ` +
      `but it ${said(got)}. ${why}${probe}`,
  ).toBe(expected);
}

test('IO through async libraries goes to asyncio, with or without the GIL', async () => {
  const why =
    'With async libraries, one thread and one event loop keep thousands of waits in flight; ' +
    'threads or processes would only add overhead. The GIL does not matter while waiting.';
  await expectRow('IO_ASYNC', 'True', 'asyncio', why);
  await expectRow('IO_ASYNC', 'False', 'asyncio', why);
});

test('IO through blocking (sync) libraries goes to threads, with or without the GIL', async () => {
  const got = await pick('ex.Workload.IO_SYNC', 'True');
  let why =
    'A blocking call (requests, psycopg) cannot be awaited: on the event loop it would stall every other task. ' +
    'A thread that waits on IO releases the GIL, so a thread pool overlaps the waits cheaply.';
  if (got === 'asyncio') why += ' asyncio only helps when the library itself is async.';
  if (got === 'processes')
    why += ' Processes would work, but each one is a whole interpreter and everything sent to it is pickled: too heavy for waiting.';
  await expectRow('IO_SYNC', 'True', 'threads', why);
  await expectRow('IO_SYNC', 'False', 'threads', why);
});

test('pure-Python CPU work goes to processes while the GIL is on', async () => {
  await expectRow(
    'CPU_PURE',
    'True',
    'processes',
    'Under the GIL only one thread at a time runs Python bytecode, so a thread pool gives pure-Python number ' +
      'crunching no speedup at all. Separate processes each have their own interpreter and their own GIL: real cores.',
  );
});

test('pure-Python CPU work goes to threads when the GIL is off (a free-threaded runtime)', async () => {
  await expectRow(
    'CPU_PURE',
    'False',
    'threads',
    'Without the GIL, threads run Python bytecode in parallel on all cores and share memory, with no pickling ' +
      'and no process start-up. This is the one row of the table that depends on gil_enabled.',
  );
});

test('CPU work in native code (NumPy, C or Rust extensions) goes to threads, with or without the GIL', async () => {
  const why =
    'Extensions like NumPy release the GIL while their native code computes, so threads already run that work ' +
    'in parallel, and they share the arrays instead of pickling them to other processes.';
  await expectRow('CPU_NATIVE', 'True', 'threads', why);
  await expectRow('CPU_NATIVE', 'False', 'threads', why);
});

test('every answer is an Executor member', async () => {
  const rows = await table();
  const notMembers = Object.entries(rows).flatMap(([name, row]) =>
    (['True', 'False'] as const)
      .filter((gil) => /^returned /.test(row[gil]))
      .map((gil) => `choose_executor(Workload.${name}, gil_enabled=${gil}) ${row[gil]}`),
  );
  expect(
    notMembers,
    `choose_executor should return members of the Executor enum (Executor.THREADS, not the string "threads"), but: ` +
      `${notMembers.join('; ')}. A StrEnum member compares equal to its string, but it is the member that the ` +
      'return type promises and that callers (and pyright) can match on.',
  ).toEqual([]);
});

test('a workload given as its string value ("cpu_pure") works like the member', async () => {
  const cases: [string, Gil, string][] = [
    ['io_async', 'True', 'asyncio'],
    ['io_sync', 'True', 'threads'],
    ['cpu_pure', 'True', 'processes'],
    ['cpu_pure', 'False', 'threads'],
    ['cpu_native', 'True', 'threads'],
  ];
  for (const [value, gil, expected] of cases) {
    const got = await pick(JSON.stringify(value), gil);
    const member = await pick(`ex.Workload(${JSON.stringify(value)})`, gil);
    expect(
      got,
      `choose_executor("${value}", gil_enabled=${gil}) should give Executor.${expected.toUpperCase()}, ` +
        `but it ${said(got)}. ` +
        (member === got
          ? `The member Workload("${value}") gets the same answer: the test for that row says what to fix.`
          : member === expected
          ? 'The member works and its plain string value does not. Workload is a StrEnum, so "cpu_pure" == ' +
            'Workload.CPU_PURE; an identity check (`is`) does not see that. Converting first with Workload(workload) ' +
            'accepts both, and rejects anything else with a ValueError.'
          : ''),
    ).toBe(expected);
  }
});

test('an unknown workload raises ValueError that names it', async () => {
  for (const bad of ['gpu', '', 'io']) {
    const error = await expectRaises(
      py.eval(`ex.choose_executor(${JSON.stringify(bad)}, gil_enabled=True)`),
      'ValueError',
      `"${bad}" is not one of the workloads (io_async, io_sync, cpu_pure, cpu_native); a caller with a typo ` +
        'should hear about it, not get a default executor or a KeyError from a dict lookup',
    );
    if (bad !== '')
      expect(
        error.pyMessage.includes(bad),
        `the ValueError for "${bad}" should name the value so the caller can find the typo, but its message was: ${error.pyMessage}`,
      ).toBe(true);
  }
});

test('gil_enabled is a keyword-only parameter', async () => {
  const kind = await py.value<string>(`
    (lambda p: "missing" if p is None else p.kind.name)(inspect.signature(ex.choose_executor).parameters.get("gil_enabled"))
  `);
  expect(
    kind,
    `choose_executor(workload, *, gil_enabled): gil_enabled should be keyword-only (after the *), but it is ${kind}. ` +
      'A bare True or False in a call says nothing; choose_executor(w, gil_enabled=False) reads as the table does.',
  ).toBe('KEYWORD_ONLY');
});

// ---- runtime_report ------------------------------------------------------------

interface Report {
  /** reprs of the attributes, or "<missing>" */
  free_threaded_build: string;
  gil_enabled: string;
  summary: string;
  summary_text: string | null;
  summary_is_callable: boolean;
  /** the type runtime_report() returned */
  type: string;
}

/** When the report lacks an attribute, say what came back instead. */
function shapeWhy(report: Report, field: string): string {
  return field === '<missing>'
    ? ` runtime_report() returned a ${report.type} without that attribute; return a RuntimeReport, whose ` +
        'fields are read as attributes (report.gil_enabled), not as keys.'
    : '';
}
interface Outcome {
  reports: Report[];
  /** Calls to the fake sys._is_gil_enabled while importing the copy, then during each runtime_report(). */
  import_checks: number;
  gil_checks: number[];
  /** Reads of Py_GIL_DISABLED (get_config_var or get_config_vars), import included. */
  config_reads: number;
  error: string | null;
  stage: 'import' | 'call' | null;
}

const SITUATIONS = {
  STANDARD_313: 'a standard 3.13+ build (Py_GIL_DISABLED = 0, sys._is_gil_enabled() returns True)',
  FREE_THREADED_GIL_OFF: 'a free-threaded build with the GIL off (Py_GIL_DISABLED = 1, sys._is_gil_enabled() returns False)',
  FREE_THREADED_GIL_ON:
    'a free-threaded build whose GIL is back on (Py_GIL_DISABLED = 1, sys._is_gil_enabled() returns True, as after PYTHON_GIL=1)',
  OLD_312: 'Python 3.12 (Py_GIL_DISABLED not defined, so None; no sys._is_gil_enabled)',
} as const;
type Situation = keyof typeof SITUATIONS;

async function runIn(situation: Situation, gilStates?: boolean[]): Promise<Outcome> {
  const states = gilStates === undefined ? 'None' : `[${gilStates.map((s) => (s ? 'True' : 'False')).join(', ')}]`;
  return py.value<Outcome>(`run_in(Runtime(**${situation}), ${states})`);
}

/** Fail with a helpful message when importing or calling raised in the imagined runtime. */
function expectNoError(outcome: Outcome, situation: Situation): void {
  let why = '';
  if (outcome.error?.includes('_is_gil_enabled')) {
    why =
      outcome.stage === 'import'
        ? ' Your module reaches for sys._is_gil_enabled when it is imported, and that fails before Python 3.13. ' +
          'Look it up inside runtime_report, and only where it exists.'
        : ' runtime_report() called sys._is_gil_enabled() on a Python that does not have it (it arrived in 3.13; ' +
          '3.12 is still supported). Check first: hasattr, getattr(sys, "_is_gil_enabled", None), ' +
          'try/except AttributeError, or sys.version_info >= (3, 13).';
  }
  expect(
    outcome.error,
    `on ${SITUATIONS[situation]}, ${outcome.stage === 'import' ? 'importing your module' : 'runtime_report()'} raised ${outcome.error}.${why}`,
  ).toBeNull();
}

function buildWhy(got: string, configValue: string, reads?: number): string {
  if (reads === 0 && ['True', 'False'].includes(got))
    return ' Your module never read Py_GIL_DISABLED: ask sysconfig.get_config_var("Py_GIL_DISABLED").';
  if (!['True', 'False', '<missing>'].includes(got))
    return ` free_threaded_build should be a bool, but it is ${got}: that looks like the raw config value. Turn it into True or False (only 1 means free-threaded).`;
  if (got === 'True' && configValue === '0')
    return ' Py_GIL_DISABLED is 0 on a standard 3.13+ build: it is defined, but 0 means "not free-threaded". Testing `is not None` treats 0 as yes.';
  if (got === 'True' && configValue === 'None')
    return ' Before 3.13 Py_GIL_DISABLED is not defined at all, so get_config_var returns None: that is a standard build.';
  if (got === 'False' && configValue === '1')
    return ' Py_GIL_DISABLED is the int 1 on a free-threaded build (not True, not the string "1").';
  return '';
}

function gilWhy(got: string, checks: number, situation: Situation, importChecks = 0): string {
  if (!['True', 'False', '<missing>'].includes(got)) return ` gil_enabled should be a bool, but it is ${got}.`;
  if (situation === 'OLD_312' && got === 'False')
    return ' Without sys._is_gil_enabled the interpreter is older than 3.13, and every build before 3.13 has the GIL: a missing function means True.';
  if (checks === 0 && importChecks > 0 && situation !== 'OLD_312')
    return (
      ' runtime_report() did not call sys._is_gil_enabled(); your module called it once, when it was imported, and ' +
      'kept that answer. The GIL can change after that (PYTHON_GIL=1 is read at start-up, but importing an extension ' +
      'without free-threading support turns it on later): ask on every call.'
    );
  if (checks === 0 && situation !== 'OLD_312')
    return (
      ' runtime_report() never called sys._is_gil_enabled(), so it could only guess the runtime state from the build ' +
      '(or the environment). A free-threaded build can run with the GIL on: PYTHON_GIL=1, -X gil=1, or importing an ' +
      'extension that has not declared free-threading support turns it back on. Ask the runtime.'
    );
  return '';
}

async function expectReport(situation: Situation, build: Gil, gil: Gil, configValue: string): Promise<Report> {
  const outcome = await runIn(situation);
  expectNoError(outcome, situation);
  const report = outcome.reports[0]!;
  expect(
    report.free_threaded_build,
    `on ${SITUATIONS[situation]}, runtime_report().free_threaded_build should be ${build}, but it is ` +
      `${report.free_threaded_build}.${buildWhy(report.free_threaded_build, configValue, outcome.config_reads)}` +
      shapeWhy(report, report.free_threaded_build),
  ).toBe(build);
  expect(
    report.gil_enabled,
    `on ${SITUATIONS[situation]}, runtime_report().gil_enabled should be ${gil}, but it is ${report.gil_enabled}.` +
      gilWhy(report.gil_enabled, outcome.gil_checks[0] ?? 0, situation, outcome.import_checks) +
      shapeWhy(report, report.gil_enabled),
  ).toBe(gil);
  return report;
}

test('runtime_report() on this interpreter matches its real build and GIL state', async () => {
  const truth = await py.value<{ build: string; gil: string; version: string; config: string }>(`{
    "build": repr(REAL_GET_CONFIG_VAR("Py_GIL_DISABLED") == 1),
    "gil": repr(REAL_IS_GIL_ENABLED() if REAL_IS_GIL_ENABLED is not None else True),
    "version": ".".join(map(str, sys.version_info[:3])),
    "config": repr(REAL_GET_CONFIG_VAR("Py_GIL_DISABLED")),
  }`);
  const got = await py
    .value<Report>('describe(ex.runtime_report())')
    .catch((error: unknown): { error: string } => ({
      error: error instanceof PythonError ? `${error.pyType}: ${error.pyMessage}` : String(error),
    }));
  const here = `this interpreter (Python ${truth.version}, Py_GIL_DISABLED = ${truth.config})`;
  if ('error' in got) {
    const missing = got.error.includes('_is_gil_enabled');
    throw new Error(
      `runtime_report() raised on ${here}: ${got.error}.` +
        (missing ? ' sys._is_gil_enabled does not exist before Python 3.13: check that it is there before calling it.' : ''),
    );
  }
  expect(
    got.free_threaded_build,
    `on ${here}, free_threaded_build should be ${truth.build}, but it is ${got.free_threaded_build}.` +
      buildWhy(got.free_threaded_build, truth.config) +
      shapeWhy(got, got.free_threaded_build),
  ).toBe(truth.build);
  expect(
    got.gil_enabled,
    `on ${here}, gil_enabled should be ${truth.gil}, but it is ${got.gil_enabled}. ` +
      'Ask sys._is_gil_enabled() where it exists; without it, the GIL is on.',
  ).toBe(truth.gil);
});

test('a standard 3.13+ build (Py_GIL_DISABLED = 0) is reported as not free-threaded, with the GIL on', async () => {
  await expectReport('STANDARD_313', 'False', 'True', '0');
});

test('a free-threaded build with the GIL off is reported as both', async () => {
  await expectReport('FREE_THREADED_GIL_OFF', 'True', 'False', '1');
});

test('a free-threaded build whose GIL was switched back on reports the GIL as on', async () => {
  await expectReport('FREE_THREADED_GIL_ON', 'True', 'True', '1');
});

test('Python 3.12 (no sys._is_gil_enabled, Py_GIL_DISABLED undefined) is reported as a GIL build, without crashing', async () => {
  await expectReport('OLD_312', 'False', 'True', 'None');
});

test('the GIL state is read on every call, so a GIL turned back on later shows up', async () => {
  // A free-threaded process starts with the GIL off; then it imports an extension
  // that has not declared free-threading support, and the GIL comes back on.
  const outcome = await runIn('FREE_THREADED_GIL_OFF', [false, true]);
  expectNoError(outcome, 'FREE_THREADED_GIL_OFF');
  const [before, after] = outcome.reports;
  expect(
    before!.gil_enabled,
    `on ${SITUATIONS.FREE_THREADED_GIL_OFF}, gil_enabled should be False, but it is ${before!.gil_enabled}.` +
      gilWhy(before!.gil_enabled, outcome.gil_checks[0] ?? 0, 'FREE_THREADED_GIL_OFF', outcome.import_checks),
  ).toBe('False');
  expect(
    after!.gil_enabled,
    'then an imported extension turned the GIL back on (sys._is_gil_enabled() now returns True), so the next ' +
      `runtime_report() should say gil_enabled=True, but it says ${after!.gil_enabled}.` +
      (outcome.gil_checks[1] === 0 && (outcome.gil_checks[0]! > 0 || outcome.import_checks > 0)
        ? ` That call never asked sys._is_gil_enabled(): the answer was remembered from ${
            outcome.gil_checks[0]! > 0 ? 'the first call (a cache?)' : 'the import (a module-level value?)'
          }. The build never changes, but the GIL can: ask again on every call.`
        : gilWhy(after!.gil_enabled, outcome.gil_checks[1] ?? 0, 'FREE_THREADED_GIL_OFF')),
  ).toBe('True');
});

test('the summary is a line of text that tells the three states apart', async () => {
  const situations: Situation[] = ['STANDARD_313', 'FREE_THREADED_GIL_OFF', 'FREE_THREADED_GIL_ON'];
  const summaries: string[] = [];
  for (const situation of situations) {
    const outcome = await runIn(situation);
    expectNoError(outcome, situation);
    const report = outcome.reports[0]!;
    expect(
      report.summary_text !== null && report.summary_text.trim() !== '',
      `on ${SITUATIONS[situation]}, runtime_report().summary should be a non-empty str for humans, but it is ${report.summary}.` +
        (report.summary_is_callable
          ? ' That is a method: read as an attribute, it must give the text itself, so make it a @property (or a field).'
          : shapeWhy(report, report.summary)),
    ).toBe(true);
    summaries.push(report.summary_text!);
  }
  const [standard, off, on] = summaries;
  const same: string[] = [];
  if (standard === off) same.push('the standard build and the free-threaded build with the GIL off');
  if (standard === on) same.push('the standard build and the free-threaded build with the GIL back on');
  if (off === on) same.push('the free-threaded build with the GIL off and with it back on');
  expect(
    same,
    `the summary should differ for each of the three states, but it reads the same for ${same.join(', and for ')}: ` +
      `${JSON.stringify(summaries)}. Say both things: how the interpreter was built, and whether the GIL is on now.`,
  ).toEqual([]);
});
