/** Waiting for piped output before exit (src/cli/flush.ts), on streams that behave like slow, stuck and closed readers. */
import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { flushOutput, flushStream } from '../../src/cli/flush.js';

/** A stream whose writes complete one by one on later turns of the event loop, like a pipe being read. */
function slowReader(): Writable & { received: () => string } {
  let received = '';
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      setImmediate(() => {
        received += chunk.toString();
        done();
      });
    },
  });
  return Object.assign(stream, { received: () => received });
}

/** A stream that never completes a write: a reader that never reads. */
function stuckReader(): Writable {
  return new Writable({ write() {} });
}

describe('flushStream', () => {
  test('waits until every earlier write has gone out', async () => {
    const stream = slowReader();
    const text = 'x'.repeat(100_000);
    for (let chunk = 0; chunk < 10; chunk++) stream.write(text);
    expect(stream.writableLength).toBeGreaterThan(0);
    expect(await flushStream(stream)).toBe('flushed');
    expect(stream.received().length).toBe(1_000_000);
  });

  test('nothing pending: done at once, without writing', async () => {
    const stream = slowReader();
    let writes = 0;
    const write = stream.write.bind(stream);
    stream.write = ((...args: Parameters<typeof write>) => {
      writes++;
      return write(...args);
    }) as typeof stream.write;
    expect(await flushStream(stream)).toBe('flushed');
    expect(writes).toBe(0);
  });

  test('a reader that takes nothing is given up on after the stall limit', async () => {
    const stream = stuckReader();
    stream.write('x'.repeat(1000));
    expect(await flushStream(stream, 300)).toBe('stalled');
  });

  test('a reader that went away (EPIPE) ends the wait', async () => {
    const stream = new Writable({
      write(_chunk, _encoding, done) {
        setImmediate(() => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
      },
    });
    stream.on('error', () => undefined);
    stream.write('report');
    expect(await flushStream(stream)).toBe('closed');
  });
});

test('flushOutput reports the first stream that did not flush', async () => {
  const fine = slowReader();
  fine.write('ok');
  const stuck = stuckReader();
  stuck.write('stuck');
  expect(await flushOutput([fine, stuck], 300)).toBe('stalled');
  expect(fine.received()).toBe('ok');
});
