import { beforeEach, expect, test } from 'vitest';
import { useExercise } from 'advpy-kata/testing';

const py = useExercise(import.meta.url);

// The race is made certain, not likely. While a test runs, `time.sleep` is a
// `Pause` (installed with `pausing(...)`): every `time.sleep(0)` between a read
// and a write calls it. `Pause(meet=n)` makes each pause wait until n threads
// are paused at once, so every one of them has read before any of them writes:
// a counter without a working lock loses updates on every run. A pause that
// waits longer than its patience gives up, and so does every pause after it,
// so a lock that keeps the others out (or threads that never overlap) costs one
// wait, never a hang. A Pause also counts the pauses, the most threads paused at
// once, and whether the counter's own lock was held while it paused (read from
// the counter's attributes, only to explain a failure). A sleep that does not come
// from a method of a counter (a loop in count_with_threads, say) really sleeps.
beforeEach(async () => {
  await py.exec(`
    import contextlib
    import sys
    import threading
    import time

    WAIT = 2.0  # the longest any wait in this suite lasts before giving up
    REAL_SLEEP = time.sleep
    LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))

    def lock_state(counter):
        """'held' or 'free' for the locks stored on counter, or 'none' when it has none."""
        locks = [v for v in vars(counter).values() if isinstance(v, LOCK_TYPES)] if hasattr(counter, "__dict__") else []
        if not locks:
            return "none"
        held = any(lock._is_owned() if hasattr(lock, "_is_owned") else lock.locked() for lock in locks)
        return "held" if held else "free"

    class Pause:
        def __init__(self, meet=1, patience=WAIT, on_pause=None):
            self.barrier = threading.Barrier(meet, timeout=patience) if meet > 1 else None
            self.on_pause = on_pause
            self.lock = threading.Lock()
            self.paused = 0
            self.max_paused = 0
            self.calls = 0
            self.lock_states = set()
            self.gave_up = False
            self.caller = threading.current_thread()
            self.in_caller = 0
            self.threads = set()

        def __call__(self, seconds=0):
            caller = sys._getframe(1).f_locals.get("self")
            if not hasattr(caller, "increment"):
                return REAL_SLEEP(seconds)  # not a counter's pause: some other code sleeping
            me = threading.current_thread()
            with self.lock:
                self.calls += 1
                self.threads.add(me)
                if me is self.caller:
                    self.in_caller += 1
                    self.gave_up = True  # nothing can overlap with the thread that is waiting for the others
                self.paused += 1
                self.max_paused = max(self.max_paused, self.paused)
                if caller is not None:
                    self.lock_states.add(lock_state(caller))
            try:
                if self.on_pause is not None:
                    self.on_pause()
                elif self.barrier is not None and not self.gave_up and me is not self.caller:
                    try:
                        self.barrier.wait()
                    except threading.BrokenBarrierError:
                        self.gave_up = True
            finally:
                with self.lock:
                    self.paused -= 1

    @contextlib.contextmanager
    def pausing(pause):
        """Make time.sleep (and any copy the module imported with from time import sleep) call pause."""
        copies = [name for name, value in vars(ex).items() if value is REAL_SLEEP]
        time.sleep = pause
        for name in copies:
            setattr(ex, name, pause)
        try:
            yield pause
        finally:
            time.sleep = REAL_SLEEP
            for name in copies:
                setattr(ex, name, REAL_SLEEP)

    def report(pause):
        return {
            "calls": pause.calls,
            "max": pause.max_paused,
            "locks": sorted(pause.lock_states),
            "gave_up": pause.gave_up,
            "in_caller": pause.in_caller,
            "threads": len(pause.threads),
        }

    def count(counter, threads, per_thread):
        """Call ex.count_with_threads; note the threads it left running, then wait for them."""
        before = set(threading.enumerate())
        returned = ex.count_with_threads(counter, threads, per_thread)
        running = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        for thread in running:
            thread.join(2 * WAIT)
        return {"returned": returned, "running": len(running), "value": counter.value}

    def traced(counter):
        """Record each increment as a span on the timeline, in its thread's lane."""
        increment = counter.increment

        def traced_increment():
            with kit.timeline.span("+1"):
                increment()

        counter.increment = traced_increment
        return counter
  `);
});

interface PauseReport {
  calls: number;
  max: number;
  locks: string[];
  gave_up: boolean;
  in_caller: number;
  threads: number;
}

interface Counted {
  returned: number;
  running: number;
  value: number;
}

/** Fails when count_with_threads returned before its threads had finished. */
function expectJoined(counted: Counted): void {
  expect(
    counted.running,
    `count_with_threads returned while ${counted.running} of its threads ${counted.running === 1 ? 'was' : 'were'} still running, so the count it read was not final: ` +
      'call join() on every thread you started before reading counter.value.',
  ).toBe(0);
}

const IN_CALLER =
  'count_with_threads called increment in its own thread: start `threads` threading.Thread objects and let each of them call it.';

test('in one thread, Counter and SafeCounter both count every increment', async () => {
  const values = await py.value<number[]>(`
    [(lambda c: [c.increment() for _ in range(3)] and c.value)(cls()) for cls in (ex.Counter, ex.SafeCounter)]
  `);
  expect(values, 'Counter() and SafeCounter() start at value 0; after three increment() calls in one thread each should hold 3').toEqual([3, 3]);
  const counted = await py.value<Counted>('count(ex.SafeCounter(), 1, 20)');
  expectJoined(counted);
  expect(counted.returned, 'count_with_threads(SafeCounter(), 1, 20) should return the final count, 20').toBe(20);
});

test('count_with_threads starts `threads` threads that run at the same time, each calling increment per_thread times', async () => {
  // A counter of the suite's own: each increment waits until all 4 threads are
  // inside increment at once, and records the thread that called it.
  await py.exec(`
    class ProbeCounter:
        def __init__(self, threads):
            self.value = 0
            self.lock = threading.Lock()
            self.by_thread = {}
            self.meet = threading.Barrier(threads, timeout=WAIT)
            self.inside = 0
            self.max_inside = 0

        def increment(self):
            me = threading.current_thread()
            with self.lock:
                self.by_thread[me] = self.by_thread.get(me, 0) + 1
                self.inside += 1
                self.max_inside = max(self.max_inside, self.inside)
            try:
                if me is not caller:
                    self.meet.wait()
            except threading.BrokenBarrierError:
                pass  # after one wait ran out, the barrier stays broken and nobody waits again
            with self.lock:
                self.inside -= 1
                self.value += 1

    caller = threading.current_thread()
    probe = ProbeCounter(4)
    counted = count(probe, 4, 5)
    seen = {
        "counted": counted,
        "per_thread": sorted(probe.by_thread.values()),
        "in_caller": threading.current_thread() in probe.by_thread,
        "max_inside": probe.max_inside,
    }
  `);
  const seen = await py.value<{ counted: Counted; per_thread: number[]; in_caller: boolean; max_inside: number }>('seen');
  expect(seen.in_caller, IN_CALLER).toBe(false);
  expectJoined(seen.counted);
  expect(
    seen.per_thread,
    `count_with_threads(counter, 4, 5) should call increment 5 times in each of 4 threads, but the calls per thread were [${seen.per_thread.join(', ')}]`,
  ).toEqual([5, 5, 5, 5]);
  expect(
    seen.max_inside,
    `the 4 threads should run at the same time: each increment waits until all 4 are inside increment at once, ` +
      `but at most ${seen.max_inside} ${seen.max_inside === 1 ? 'was' : 'were'} ever inside together` +
      (seen.max_inside === 1
        ? ' (observed: the threads ran one after another). Start every thread first, then join them in a second loop; joining each thread right after starting it waits for it to finish before the next one starts.'
        : '.'),
  ).toBe(4);
  expect(seen.counted.returned, 'count_with_threads should return counter.value once every thread is done: 20 here').toBe(20);
});

test('Counter loses updates when every thread reads before any of them writes', async () => {
  await py.exec(`
    counter = traced(ex.Counter())
    with pausing(Pause(meet=8)) as pause:
        counted = count(counter, 8, 10)
    seen = {**counted, "pause": report(pause)}
  `);
  const seen = await py.value<Counted & { pause: PauseReport }>('seen');
  await py.recordTimeline(
    seen.pause.max === 8
      ? '8 threads all read, then all write: their updates overwrite each other'
      : `at most ${seen.pause.max} thread(s) between read and write at once`,
  );
  expectJoined(seen);
  expect(
    seen.pause.calls,
    `Counter.increment should pause with time.sleep(0) between its read and its write, 80 times for 8 threads x 10, ` +
      `but time.sleep was called ${seen.pause.calls} times. Leave Counter as the exercise gives it: it is the racy exhibit.`,
  ).toBe(80);
  let why = '';
  if (seen.pause.in_caller > 0) why = ` ${IN_CALLER}`;
  else if (seen.pause.locks.includes('held'))
    why = ' Counter held a lock during its pause: leave Counter racy (it is the exhibit), the lock belongs in SafeCounter.';
  else if (seen.pause.threads === 1) why = ' Only one thread ever called increment: start `threads` threads, each calling it per_thread times.';
  else if (seen.pause.max === 1)
    why = ' The threads ran one after another (observed: max in flight was 1): start them all before joining any.';
  expect(
    seen.pause.max,
    `each pause waits until all 8 threads are paused between their read and their write, but at most ${seen.pause.max} ` +
      `${seen.pause.max === 1 ? 'was' : 'were'} ever paused at once.${why}`,
  ).toBe(8);
  expect(
    seen.value,
    `8 threads read the same value before any of them wrote, so Counter should end below 80 (lost updates), but it holds ${seen.value}`,
  ).toBeLessThan(80);
  expect(seen.returned, `count_with_threads should return the final counter.value (${seen.value}), but returned ${seen.returned}`).toBe(seen.value);
});

test('SafeCounter never loses an update, even when threads try to meet between the read and the write', async () => {
  // Each pause waits (up to 1 s, once) for another thread to pause too: with the
  // lock held across the read, the pause and the write, none ever can.
  await py.exec(`
    counter = ex.SafeCounter()
    with pausing(Pause(meet=8, patience=1.0)) as pause:
        counted = count(counter, 8, 25)
    seen = {**counted, "pause": report(pause)}
  `);
  const seen = await py.value<Counted & { pause: PauseReport }>('seen');
  expectJoined(seen);
  expect(
    seen.pause.calls,
    'SafeCounter.increment should do what Counter does (read, time.sleep(0), write) with the lock held across all three, ' +
      'but it never called time.sleep: keep the pause between the read and the write, inside the lock.',
  ).toBeGreaterThan(0);
  let why = '';
  if (seen.pause.locks.includes('none'))
    why =
      'No lock is stored on the counter, so nothing shared kept the other threads out: create one lock in __init__ and hold it ' +
      'across the read, the pause and the write (a lock made inside increment is a new lock on every call).';
  else if (seen.pause.locks.includes('free'))
    why = 'The counter has a lock, but it was not held during the pause: hold it across the read, the pause and the write, not around only part of them.';
  else if (seen.pause.locks.includes('held'))
    why = 'The counter’s lock was held during each pause, yet other threads got in too: every call must take the same lock (the one made in __init__), not a new one.';
  expect(
    seen.pause.max,
    `SafeCounter holds its lock across the read, the time.sleep(0) and the write, so at most one thread can be in that pause ` +
      `at a time, but ${seen.pause.max} threads were there at once. ${why}`,
  ).toBe(1);
  expect(seen.value, `SafeCounter should count all 200 increments of 8 threads x 25, but holds ${seen.value}`).toBe(200);
  expect(seen.returned, 'count_with_threads should return the final counter.value, 200').toBe(200);
  expect(seen.pause.calls, `each of the 200 increments should pause once between its read and its write, but there were ${seen.pause.calls} pauses`).toBe(200);
});

test('SafeCounter stays exact with the real time.sleep(0): 8 threads x 100', async () => {
  const counted = await py.value<Counted>('count(ex.SafeCounter(), 8, 100)');
  expectJoined(counted);
  expect(
    [counted.returned, counted.value],
    `count_with_threads(SafeCounter(), 8, 100) should return 800 and leave value at 800, but returned ${counted.returned} with value ${counted.value}`,
  ).toEqual([800, 800]);
});

test('each SafeCounter has a lock of its own: one counter paused inside its lock does not block another', async () => {
  // Thread A pauses inside a.increment() (its lock held) until b.increment() has
  // finished in thread B, or WAIT passes.
  await py.exec(`
    a, b = ex.SafeCounter(), ex.SafeCounter()
    a_paused = threading.Event()
    b_done = threading.Event()
    state = {"a_inside": False, "b_done_while_a_paused": False, "a_locks": None}

    def hold_a():
        if threading.current_thread().name == "thread-a":
            state["a_locks"] = lock_state(sys._getframe(2).f_locals.get("self"))
            state["a_inside"] = True
            a_paused.set()
            b_done.wait(WAIT)
            state["a_inside"] = False

    def run_b():
        b.increment()
        state["b_done_while_a_paused"] = state["a_inside"]
        b_done.set()

    with pausing(Pause(on_pause=hold_a)):
        thread_a = threading.Thread(target=a.increment, name="thread-a")
        thread_a.start()
        if a_paused.wait(WAIT):
            thread_b = threading.Thread(target=run_b, name="thread-b")
            thread_b.start()
            b_done.wait(WAIT + 1)
            thread_b.join(WAIT)
        thread_a.join(WAIT)
    seen = {**state, "a_paused": a_paused.is_set(), "values": [a.value, b.value]}
  `);
  const seen = await py.value<{ a_paused: boolean; b_done_while_a_paused: boolean; a_locks: string; values: number[] }>('seen');
  expect(seen.a_paused, 'a.increment() never called time.sleep(0) between its read and its write: keep the pause, inside the lock').toBe(true);
  expect(
    seen.b_done_while_a_paused,
    'while a.increment() was paused inside its lock, b.increment() on another SafeCounter could not finish: the two counters share one lock. ' +
      (seen.a_locks === 'none'
        ? 'No lock is stored on the counter itself: a lock at module or class level is shared by every counter. '
        : '') +
      'Create the lock in __init__ (self._lock = ...), one per counter, so counters never wait for each other.',
  ).toBe(true);
  expect(seen.values, 'each counter should have counted its one increment').toEqual([1, 1]);
});

test('count_with_threads joins every thread before it returns', async () => {
  // Each thread's first increment waits until someone calls join() on that
  // thread (or WAIT passes): a thread nobody joins is still running at return.
  await py.exec(`
    class JoinGate:
        def __init__(self):
            self.lock = threading.Lock()
            self.events = {}
            self.timed_out = []

        def event(self, thread):
            with self.lock:
                return self.events.setdefault(thread, threading.Event())

        def open_all(self):
            with self.lock:
                events = list(self.events.values())
            for event in events:
                event.set()

    class GatedCounter:
        def __init__(self, gate):
            self.value = 0
            self.gate = gate
            self.lock = threading.Lock()
            self.started = set()
            self.in_caller = False

        def increment(self):
            me = threading.current_thread()
            with self.lock:
                first = me not in self.started
                self.started.add(me)
            if me is caller:
                self.in_caller = True
            elif first and not self.gate.event(me).wait(WAIT):
                self.gate.timed_out.append(me.name)
            with self.lock:
                self.value += 1

    caller = threading.current_thread()
    gate = JoinGate()
    counter = GatedCounter(gate)
    real_join = threading.Thread.join

    def join(thread, timeout=None):
        gate.event(thread).set()
        return real_join(thread, timeout)

    before = set(threading.enumerate())
    threading.Thread.join = join
    try:
        returned = ex.count_with_threads(counter, 4, 5)
        still_running = sorted(t.name for t in threading.enumerate() if t not in before and t.is_alive())
    finally:
        threading.Thread.join = real_join
        gate.open_all()
        for t in threading.enumerate():
            if t not in before:
                t.join(WAIT)
    seen = {"returned": returned, "still_running": still_running, "timed_out": sorted(gate.timed_out), "in_caller": counter.in_caller}
  `);
  const seen = await py.value<{ returned: number; still_running: string[]; timed_out: string[]; in_caller: boolean }>('seen');
  expect(seen.in_caller, IN_CALLER).toBe(false);
  expect(
    seen.still_running,
    `count_with_threads returned while ${seen.still_running.length} of its threads (${seen.still_running.join(', ')}) ` +
      'had not finished: each of them was waiting at its first increment for someone to join it. Call join() on every thread you started ' +
      '(after starting them all) before reading counter.value.',
  ).toEqual([]);
  expect(
    seen.timed_out,
    `thread(s) ${seen.timed_out.join(', ')} waited 2 s at their first increment and nobody called join() on them: ` +
      'wait for each thread with join().',
  ).toEqual([]);
  expect(seen.returned, 'count_with_threads(counter, 4, 5) should return counter.value after all 20 increments').toBe(20);
});
