import { afterAll, beforeEach, expect, test } from 'vitest';
import { dedent, expectRaises, useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// How the suite sees where crunch ran.
//
// Worker processes cannot import the suite's own namespace (under the `spawn`
// and `forkserver` start methods they start a fresh interpreter), so the
// stand-in for crunch lives in a small module PROBE that the suite writes into
// a scratch folder on sys.path. `run(ns, ...)` puts that stand-in in place of
// `ex.crunch` (crunch_all looks the name up when it runs), calls
// `ex.crunch_all`, and reports what happened. The stand-in returns
// `(n, pid, thread name)`, so the results say which process ran each job.
//
// `roles` make jobs wait, with a time limit, for files the others create:
// `started-<n>` once job n has begun, and `parent-waiting` once this process is
// blocked waiting for results (a watcher thread looks at the main thread's
// stack, and also notes which worker processes are alive at that moment). A
// job that runs in this process never waits. `raise` makes a job raise
// ValueError naming the process it ran in.
//
// While crunch_all runs, the suite keeps the local variables of its frames
// alive, so a pool that was never shut down stays visible afterwards instead
// of being cleaned up by the garbage collector behind the test's back.
const PROBE = dedent(`
  """Written by the exercise 31 suite: a stand-in for crunch that reports where it ran."""

  import json
  import os
  import threading
  import time

  HERE = os.path.dirname(os.path.abspath(__file__))


  def _touch(path):
      open(path, "w").close()


  def _wait_for(folder, names, timeout):
      deadline = time.monotonic() + timeout
      while not all(os.path.exists(os.path.join(folder, name)) for name in names):
          if time.monotonic() > deadline:
              return False
          time.sleep(0.002)
      return True


  def crunch(n):
      with open(os.path.join(HERE, "plan.json")) as plan_file:
          plan = json.load(plan_file)
      folder, pid = plan["dir"], os.getpid()
      role = plan["roles"].get(str(n), {})
      _touch(os.path.join(folder, f"started-{n}"))
      if pid != plan["parent"] and not _wait_for(folder, role.get("after", []), plan["timeout"]):
          _touch(os.path.join(folder, f"gave-up-{n}"))
      if role.get("raise"):
          raise ValueError(f"crunch({n}) failed in process {pid}")
      with open(os.path.join(folder, "finished"), "a") as finished:
          print(n, file=finished)
      return (n, pid, threading.current_thread().name)
`);

beforeEach(async () => {
  await py.exec(`
    import importlib
    import json
    import multiprocessing
    import os
    import pickle
    import shutil
    import sys
    import tempfile
    import threading
    import warnings

    PARENT = os.getpid()
    GATE_TIMEOUT = 8.0
    CPUS = os.cpu_count() or 1

    def setup_probe(source):
        """Write the stand-in module once per interpreter, into a folder on sys.path.

        Once, because worker processes may outlive a test (a pool that is never shut
        down), and a forked worker keeps the sys.path it was forked with.
        """
        global probe_dir, probe
        if "probe" in globals():
            return
        prefix = "advpy31-"
        for name in os.listdir(tempfile.gettempdir()):
            # Folders left by interpreters that were killed (after a hang) before cleaning up.
            owner = name[len(prefix):].split("-")[0]
            if name.startswith(prefix) and owner.isdigit() and not _alive(int(owner)):
                shutil.rmtree(os.path.join(tempfile.gettempdir(), name), ignore_errors=True)
        probe_dir = tempfile.mkdtemp(prefix=f"{prefix}{PARENT}-")
        with open(os.path.join(probe_dir, "advpy31_probe.py"), "w") as module_file:
            module_file.write(source)
        sys.path.insert(0, probe_dir)
        importlib.invalidate_caches()
        probe = importlib.import_module("advpy31_probe")

    def _alive(pid):
        if os.name != "posix":
            return True  # on Windows, os.kill(pid, 0) would end that process: keep the folder
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            pass
        return True

    def teardown_probe():
        sys.path[:] = [entry for entry in sys.path if entry != probe_dir]
        shutil.rmtree(probe_dir, ignore_errors=True)

    def _forget_suite_hooks():
        sys.setprofile(None)

    if hasattr(os, "register_at_fork") and not globals().get("_fork_hook_registered"):
        # A worker forked while crunch_all runs would inherit the profiler below.
        os.register_at_fork(after_in_child=_forget_suite_hooks)
        _fork_hook_registered = True

    def _in_threading(code, *names):
        return os.path.basename(code.co_filename) == "threading.py" and code.co_name in names

    def waiting_for_results(frame):
        """Is this stack blocked in threading (a result, a map, a join), and not just starting a thread?"""
        if frame is None or not _in_threading(frame.f_code, "wait", "join", "_wait_for_tstate_lock"):
            return False
        while frame is not None:
            if _in_threading(frame.f_code, "start"):
                return False
            frame = frame.f_back
        return True

    class Watcher(threading.Thread):
        """Once the main thread waits for results: note the new worker processes, then open the gate."""

        def __init__(self, folder, before):
            super().__init__(name="advpy31-watcher", daemon=True)
            self.folder, self.before = folder, before
            self.main = threading.get_ident()
            self.done = threading.Event()
            self.seen = None

        def run(self):
            while not self.done.wait(0.001):
                if waiting_for_results(sys._current_frames().get(self.main)):
                    self.seen = sorted(p.pid for p in multiprocessing.active_children() if p.pid not in self.before)
                    open(os.path.join(self.folder, "parent-waiting"), "w").close()
                    return

        def stop(self):
            self.done.set()
            self.join(5)

    def pickle_check(fn):
        try:
            return "ok" if pickle.loads(pickle.dumps(fn)) is fn else "it loaded back as a different object"
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"

    def looks_like_pickling(exc):
        seen = set()
        while exc is not None and id(exc) not in seen:
            seen.add(id(exc))
            text = f"{type(exc).__name__}: {exc}".lower()
            if isinstance(exc, pickle.PicklingError) or "pickle" in text or "local object" in text:
                return True
            exc = exc.__cause__ or exc.__context__
        return False

    def _is_probe_item(item):
        return isinstance(item, tuple) and len(item) == 3 and isinstance(item[1], int)

    def run(ns, *, roles=None, use_probe=True, **kwargs):
        """Call ex.crunch_all(ns, **kwargs) and report what happened."""
        folder = tempfile.mkdtemp(dir=probe_dir)
        with open(os.path.join(probe_dir, "plan.json"), "w") as plan_file:
            json.dump({"dir": folder, "parent": PARENT, "roles": roles or {}, "timeout": GATE_TIMEOUT}, plan_file)
        before = {p.pid for p in multiprocessing.active_children()}
        held = []
        learner_file = ex.__file__

        def hold_locals(frame, event, arg):
            if event == "return" and frame.f_code.co_filename == learner_file and len(held) < 200:
                held.append(dict(frame.f_locals))

        original = ex.crunch
        if use_probe:
            ex.crunch = probe.crunch
        watcher = Watcher(folder, before)
        watcher.start()
        value = error = None
        sys.setprofile(hold_locals)
        try:
            with warnings.catch_warnings():
                # Python 3.12+ warns when a process with threads forks. The threads are the
                # runner's and this suite's, not the learner's: a script would not see it.
                warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
                value = ex.crunch_all(ns, **kwargs)
        except Exception as exc:
            error = exc
        finally:
            sys.setprofile(None)
            ex.crunch = original
            watcher.stop()
        left_alive = sorted(p.pid for p in multiprocessing.active_children() if p.pid not in before)
        held.clear()

        def read_lines(name):
            try:
                with open(os.path.join(folder, name)) as lines:
                    return [int(line) for line in lines]
            except OSError:
                return []

        items = None
        if isinstance(value, list) and value and all(_is_probe_item(item) for item in value):
            items = [list(item) for item in value]
        def show(item):
            return f"<result of crunch({item[0]})>" if _is_probe_item(item) else repr(item)

        report = {
            "returned": None if error is not None else type(value).__name__,
            "shown": "[" + ", ".join(map(show, value)) + "]" if isinstance(value, list) else None,
            "exceptions_returned": sum(isinstance(item, BaseException) for item in value) if isinstance(value, list) else 0,
            "value": value if isinstance(value, list) and items is None else None,
            "items": items,
            "error": None if error is None else {
                "type": type(error).__name__,
                "message": str(error),
                "pickling": looks_like_pickling(error),
            },
            "parent": PARENT,
            "seen": watcher.seen,
            "left_alive": left_alive,
            "finished": read_lines("finished"),
            "gave_up": sorted(int(name[len("gave-up-"):]) for name in os.listdir(folder) if name.startswith("gave-up-")),
        }
        error = None
        return report

    _shared_runs = globals().get("_shared_runs", {})

    def shared_run(call):
        """Evaluate a run(...) call once per interpreter, for tests that look at one call from different sides."""
        if call not in _shared_runs:
            _shared_runs[call] = eval(call)
        return _shared_runs[call]
  `);
  await py.call('setup_probe', [PROBE]);
});

afterAll(async () => {
  // Runs before the interpreter stops (Vitest runs "after" hooks in reverse order).
  await py.exec('if "probe" in globals(): teardown_probe()').catch(() => undefined);
});

interface Report {
  /** Type name of what crunch_all returned; null when it raised. */
  returned: string | null;
  /** The returned list as Python would print it (the stand-in's results as <result of crunch(n)>). */
  shown: string | null;
  /** How many exception objects the returned list held. */
  exceptions_returned: number;
  /** What it returned, when that is a list of anything but the stand-in's results. */
  value: unknown[] | null;
  /** The stand-in's results, [n, pid, thread name], when every item is one. */
  items: [number, number, string][] | null;
  error: { type: string; message: string; pickling: boolean } | null;
  /** This process's pid. */
  parent: number;
  /** Worker processes alive when this process first waited for results (null: it never waited). */
  seen: number[] | null;
  /** Processes crunch_all started that were still running after it returned. */
  left_alive: number[];
  /** The stand-in's jobs in the order they finished. */
  finished: number[];
  /** Jobs that stopped waiting for their gate after the time limit. */
  gave_up: number[];
}

const PICKLING =
  'A process pool pickles every function it sends to a worker, and pickle sends a function as its module and ' +
  'name, for the worker to import. A lambda, or a function defined inside crunch_all, has no such name. ' +
  'Hand the pool the top-level crunch itself (pool.map(crunch, ns) or pool.submit(crunch, n)).';

function runs(call: string): Promise<Report> {
  return py.value<Report>(call);
}

/** What crunch_all did, in words. */
function outcome(r: Report): string {
  if (r.error) return `crunch_all raised ${r.error.type}: ${r.error.message}`;
  if (r.items) return `crunch_all returned the results for ${r.items.map((item) => item[0]).join(', ')}`;
  if (r.shown !== null) return `crunch_all returned ${r.shown}`;
  return `crunch_all returned a ${r.returned}`;
}

/** Fail unless crunch_all returned a list; explain pickling errors and lazy results. */
function expectList(r: Report, call: string): void {
  let why = '';
  if (r.error?.pickling) why = ` ${PICKLING}`;
  else if (r.returned === 'generator' || r.returned === 'map' || r.returned?.endsWith('iterator'))
    why = ' It should return a list: pool.map gives a lazy iterator, so wrap it in list(...), inside the with block.';
  else if (r.returned !== null && r.returned !== 'list') why = ` It should return a list, not a ${r.returned}.`;
  expect(r.error === null && r.returned === 'list', `${call}: ${outcome(r)}.${why}`).toBe(true);
}

/** Fail unless every job came back from the stand-in that reports its process. */
function expectProbeItems(r: Report, call: string): [number, number, string][] {
  expectList(r, call);
  expect(
    r.items,
    `${call}: the suite replaced ex.crunch with a stand-in that returns (n, pid, thread name), but ${outcome(r)}. ` +
      'crunch_all should hand each n to the module’s crunch and return exactly what it returned.',
  ).not.toBeNull();
  return r.items!;
}

/** The sum of the squares below n, as the suite computes it. */
function squaresBelow(n: number): number {
  return ((n - 1) * n * (2 * n - 1)) / 6;
}

// ---- crunch ------------------------------------------------------------------

test('crunch(n) adds up the squares of 0 to n - 1', async () => {
  const ns = [0, 1, 2, 3, 10, 1000];
  const got = await py.value<number[]>(`[ex.crunch(n) for n in ${JSON.stringify(ns)}]`);
  const want = ns.map(squaresBelow).map((v) => Math.max(v, 0));
  const includesN = ns.map((n) => squaresBelow(n + 1));
  expect(
    got,
    `crunch(n) for n in ${JSON.stringify(ns)} should give ${JSON.stringify(want)}, but gave ${JSON.stringify(got)}.` +
      (JSON.stringify(got) === JSON.stringify(includesN)
        ? ' Each result includes n² itself: range(n) already stops before n, so range(n + 1) goes one too far.'
        : ''),
  ).toEqual(want);
  const kind = await py.value<string>('type(ex.crunch(10)).__name__');
  expect(
    kind,
    `crunch(10) should return an int, but returned a ${kind}. In Python, / always makes a float (and a float ` +
      'loses digits past 2**53); add up integers, or divide with //.',
  ).toBe('int');
});

test('crunch with a negative n raises ValueError', async () => {
  await expectRaises(
    py.eval('ex.crunch(-1)'),
    'ValueError',
    'there is no sum of the squares below -1; range(-1) is just empty, so without a check crunch(-1) quietly returns 0',
  );
});

test('crunch is a top-level function, so pickle can send it to a worker', async () => {
  const found = await py.value<{ qualname: string; pickled: string }>(
    '{"qualname": str(getattr(ex.crunch, "__qualname__", type(ex.crunch).__name__)), "pickled": pickle_check(ex.crunch)}',
  );
  expect(
    found.pickled,
    `pickle.dumps(ex.crunch) should work and load back as the same function, but: ${found.pickled}. ` +
      `pickle saves a function as its module and qualified name (here ${found.qualname}) and looks that name up ` +
      'again in the worker, so crunch must be a plain def at the top of the module: not a lambda, not a function ' +
      'defined inside another one, not wrapped by a decorator that hides it.',
  ).toBe('ok');
});

// ---- crunch_all ---------------------------------------------------------------

// Two calls are each looked at by two tests; `shared_run` makes each call once
// per interpreter (and again after a restart, so every test also runs alone).
const REAL_NS = [300, 0, 7, 1, 50, 7];
const REAL = `shared_run('run(${JSON.stringify(REAL_NS)}, use_probe=False, max_workers=2)')`;
const REAL_CALL = `crunch_all(${JSON.stringify(REAL_NS)}, max_workers=2)`;
// The first job waits until the third has started and this process is waiting
// for results: so two workers run at once, and the second job finishes first.
const HELD_FIRST = `shared_run('run([31, 32, 33], roles={"31": {"after": ["started-33", "parent-waiting"]}}, max_workers=2)')`;
const HELD_FIRST_CALL = 'crunch_all([31, 32, 33], max_workers=2)';

test('crunch_all returns crunch(n) for every n, in the order of ns', async () => {
  const r = await runs(REAL);
  expectList(r, REAL_CALL);
  const want = REAL_NS.map((n) => Math.max(squaresBelow(n), 0));
  const ownCrunch = await py.value<unknown[]>(`[ex.crunch(n) for n in ${JSON.stringify(REAL_NS)}]`);
  const sorted = (values: unknown[] | null): string => JSON.stringify([...(values ?? [])].sort());
  let why = '';
  if (JSON.stringify(r.value) === JSON.stringify(ownCrunch)) why = ' These are what your crunch gives: fix crunch first.';
  else if (sorted(r.value) === sorted(want))
    why = ' The right results, in another order: return them in the order of ns, not in the order the jobs finished.';
  else if (JSON.stringify(r.value) === JSON.stringify(want.slice(0, -1)))
    why =
      ' The second 7 got no result of its own: results kept per value of n (a dict keyed by n) lose repeated ' +
      'inputs. Each position in ns needs its own result.';
  else if ((r.value?.length ?? 0) < want.length) why = ' Some results are missing: each input needs its own result.';
  expect(r.value, `${REAL_CALL} should return ${JSON.stringify(want)}, but ${outcome(r)}.${why}`).toEqual(want);
});

test('no worker process is left running once crunch_all returns', async () => {
  const r = await runs(REAL);
  expectList(r, REAL_CALL);
  expect(
    r.left_alive,
    `after ${REAL_CALL} returned, ${r.left_alive.length} of its worker processes were still running ` +
      `(pids ${r.left_alive.join(', ')}): the pool was not shut down before crunch_all returned. Use it in a with block ` +
      '(with ProcessPoolExecutor(...) as pool:), which shuts it down and waits for its workers on the way out.',
  ).toEqual([]);
});

test('the jobs run in worker processes, two at once with max_workers=2', async () => {
  const r = await runs(HELD_FIRST);
  const items = expectProbeItems(r, HELD_FIRST_CALL);
  const inHere = items.filter(([, pid]) => pid === r.parent);
  const threads = [...new Set(inHere.map(([, , thread]) => thread))];
  let why = '';
  if (inHere.length > 0 && threads.every((name) => name === 'MainThread'))
    why =
      'in its main thread: crunch_all called crunch itself. Hand each call to a ProcessPoolExecutor, so it runs in a worker process.';
  else if (inHere.length > 0)
    why =
      `in the thread(s) ${threads.join(', ')}. Threads share this process and its GIL: only one of them runs Python ` +
      'bytecode at a time, so CPU-bound work gets no faster. Use a ProcessPoolExecutor.';
  expect(
    inHere.map(([n]) => n),
    `every job should run in a worker process (this process is pid ${r.parent}), but crunch ran in this process for n = ` +
      `${inHere.map(([n]) => n).join(', ')}, ${why}`,
  ).toEqual([]);
  const workers = [...new Set(items.map(([, pid]) => pid))];
  expect(
    workers.length,
    `with max_workers=2, and the first job held until the third had started, two worker processes should have run ` +
      `the jobs, but ${workers.length} did (pids ${workers.join(', ')}).` +
      (workers.length < 2 && r.gave_up.length > 0
        ? ' The first job waited in vain for the third to start: the pool had a single worker. Pass max_workers on to the pool.'
        : '') +
      (workers.length > 2
        ? ' More processes than max_workers ran jobs: let a pool of max_workers processes share the jobs.'
        : ''),
  ).toBe(2);
});

test('results come back in the order of ns, even when a later job finishes first', async () => {
  const r = await runs(HELD_FIRST);
  const items = expectProbeItems(r, HELD_FIRST_CALL);
  const order = items.map(([n]) => n);
  // Job 31 waited for job 33 to start, so (unless it gave up waiting) it finished after job 32.
  const heldBack =
    !r.gave_up.includes(31) && r.finished.indexOf(32) >= 0 && r.finished.indexOf(32) < r.finished.indexOf(31);
  expect(
    order,
    `${HELD_FIRST_CALL} should return the results for 31, 32, 33 in that order, but returned them for ${order.join(', ')}.` +
      (heldBack && order.indexOf(32) < order.indexOf(31)
        ? ' Job 31 was held back until job 33 had started, so it finished after job 32, and your list puts it after ' +
          '32 too: the results were collected as the jobs completed (as_completed, imap_unordered, a callback). ' +
          'Keep the order of ns: pool.map does, and so does reading the futures in the order you submitted them.'
        : ''),
  ).toEqual([31, 32, 33]);
});

test('max_workers is passed to the pool: max_workers=1 means a single worker process', async () => {
  const call = 'crunch_all([41, 42, 43], max_workers=1)';
  const r = await runs('run([41, 42, 43], roles={"41": {"after": ["parent-waiting"]}}, max_workers=1)');
  const items = expectProbeItems(r, call);
  const workers = [...new Set(items.map(([, pid]) => pid).filter((pid) => pid !== r.parent))];
  const seen = r.seen ?? [];
  expect(
    Math.max(workers.length, seen.length),
    `${call} should use one worker process, but ` +
      (seen.length > 1
        ? `${seen.length} worker processes were running while it waited for the results (pids ${seen.join(', ')}). `
        : `the jobs ran in ${workers.length} processes (pids ${workers.join(', ')}). `) +
      'Pass max_workers on to the pool: ProcessPoolExecutor(max_workers=max_workers).',
  ).toBeLessThanOrEqual(1);
});

test('without max_workers the pool picks its size: at most one worker process per CPU', async () => {
  const cpus = await py.value<number>('CPUS');
  const ns = Array.from({ length: cpus + 1 }, (_, i) => 50 + i);
  const call = `crunch_all(${JSON.stringify(ns)}) on this machine with ${cpus} CPUs`;
  const r = await runs(`run(${JSON.stringify(ns)}, roles={"50": {"after": ["parent-waiting"]}})`);
  expectProbeItems(r, call);
  const seen = r.seen ?? [];
  expect(
    seen.length,
    `${call} should leave the pool its default size, one worker per CPU at most, but ${seen.length} worker ` +
      `processes were running while it waited for the results.` +
      (seen.length === ns.length
        ? ' That is one process per input: unlike a goroutine, a process costs a whole interpreter, and more ' +
          'of them than CPUs only adds start-up time. Pass max_workers=None on to the pool unchanged.'
        : ' Pass max_workers=None on to the pool unchanged.'),
  ).toBeLessThanOrEqual(cpus);
});

test('an exception raised in a worker (crunch(-13): ValueError) reaches the caller, and the pool is still shut down', async () => {
  const call = 'crunch_all([61, -13, 62], max_workers=2), where crunch(-13) raises ValueError in its worker,';
  const r = await runs('run([61, -13, 62], roles={"-13": {"raise": True}}, max_workers=2)');
  if (r.error?.pickling) expect.fail(`${call} ${outcome(r).replace(/^crunch_all /, '')}. ${PICKLING}`);
  let why = ' Let the worker’s own exception through, unchanged.';
  if (r.error === null && r.returned !== 'list')
    why =
      ' pool.map raises a worker’s exception while you iterate over its results: turn them into a list inside the ' +
      'with block, so the exception reaches the caller of crunch_all.';
  else if (r.error === null && r.exceptions_returned > 0)
    why =
      ' The worker’s exception was caught and returned in the list: let it propagate instead (future.result() and ' +
      'pool.map raise it again in this process). A caller cannot tell a returned exception from a result.';
  else if (r.error === null)
    why =
      ' The failed job was skipped: let its exception propagate (future.result() and pool.map raise it again in ' +
      'this process), or the caller gets fewer results than inputs without knowing why.';
  expect(
    r.error?.type,
    `${call} should raise that ValueError here, but ${outcome(r).replace(/^crunch_all /, 'it ')}.${why}`,
  ).toBe('ValueError');
  const raisedIn = Number(/in process (\d+)/.exec(r.error!.message)?.[1]);
  expect(
    raisedIn,
    `crunch(-13) raised its ValueError in this process (pid ${r.parent}), not in a worker process: ` +
      'crunch_all should hand crunch to a ProcessPoolExecutor (see the test on where the jobs run).',
  ).not.toBe(r.parent);
  expect(
    r.left_alive,
    `after the ValueError, ${r.left_alive.length} worker process(es) of crunch_all were still running ` +
      `(pids ${r.left_alive.join(', ')}): the pool is not shut down when an exception passes through. ` +
      'Use the pool in a with block (or shut it down in finally).',
  ).toEqual([]);
});

test('crunch_all([]) returns an empty list', async () => {
  const r = await runs('run([], use_probe=False, max_workers=1)');
  expectList(r, 'crunch_all([], max_workers=1)');
  expect(r.value, `crunch_all([], max_workers=1) should return [], but ${outcome(r)}`).toEqual([]);
});

test('ns can be any iterable of ints, a generator too', async () => {
  const call = 'crunch_all((n for n in (5, 6)), max_workers=1)';
  const r = await runs('run((n for n in (5, 6)), use_probe=False, max_workers=1)');
  expectList(r, call);
  expect(
    r.value,
    `${call} should return [30, 55], but ${outcome(r)}.` +
      (r.value?.length === 0
        ? ' Nothing came back for a generator that yields two numbers: a generator can be gone through only once, ' +
          'so go over ns a single time (or make a list of it first).'
        : ''),
  ).toEqual([30, 55]);
});
