/**
 * LSP framing: messages arrive in chunks that split and join them anywhere, and
 * Content-Length counts bytes, so a multi-byte character must not be cut or
 * miscounted.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { encodeMessage, MessageParser, RpcConnection, RpcError, type RpcMessage } from '../../src/testing/json-rpc.js';

function parseAll(chunks: readonly Buffer[]): RpcMessage[] {
  const messages: RpcMessage[] = [];
  const parser = new MessageParser((message) => messages.push(message));
  for (const chunk of chunks) parser.push(chunk);
  return messages;
}

const UNICODE = { id: 7, result: { text: 'Literal["é—♠🐍"]', note: 'ß'.repeat(50) } };

describe('MessageParser', () => {
  test('a multi-byte UTF-8 body: Content-Length counts bytes', () => {
    const framed = encodeMessage(UNICODE);
    const header = /^Content-Length: (\d+)\r\n\r\n/.exec(framed.toString('latin1'));
    const body = JSON.stringify({ jsonrpc: '2.0', ...UNICODE });
    expect(Number(header?.[1])).toBe(Buffer.byteLength(body, 'utf8'));
    expect(Number(header?.[1])).toBeGreaterThan(body.length);
    expect(parseAll([framed])).toEqual([{ jsonrpc: '2.0', ...UNICODE }]);
  });

  test('a message split into one-byte chunks, cutting through headers and multi-byte characters', () => {
    const framed = encodeMessage(UNICODE);
    const bytes = [...framed].map((byte) => Buffer.from([byte]));
    expect(parseAll(bytes)).toEqual([{ jsonrpc: '2.0', ...UNICODE }]);
  });

  test('several messages in one chunk, and a chunk ending inside the next message', () => {
    const first = encodeMessage({ method: 'window/logMessage', params: { message: 'one' } });
    const second = encodeMessage({ id: 1, result: null });
    const third = encodeMessage({ id: 2, method: 'workspace/configuration', params: { items: [{}, {}] } });
    const all = Buffer.concat([first, second, third]);
    const cut = first.length + second.length + 10;
    const messages = parseAll([all.subarray(0, cut), all.subarray(cut)]);
    expect(messages.map((message) => message.method ?? message.id)).toEqual(['window/logMessage', 1, 'workspace/configuration']);
  });

  test('extra headers are allowed, and the header name is case-insensitive', () => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 3, result: 'ok' }), 'utf8');
    const framed = Buffer.concat([
      Buffer.from(`content-length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`, 'ascii'),
      body,
    ]);
    expect(parseAll([framed])).toEqual([{ jsonrpc: '2.0', id: 3, result: 'ok' }]);
  });

  test('a header without Content-Length is an error, not a silent stall', () => {
    expect(() => parseAll([Buffer.from('Content-Type: x\r\n\r\n{}', 'ascii')])).toThrow(/Content-Length/);
  });
});

/** A connection whose peer is the test: `fromUs` is what we wrote, `toUs` feeds what the peer says. */
function connect(handlers: ConstructorParameters<typeof RpcConnection>[2]) {
  const toUs = new PassThrough();
  const fromUs = new PassThrough();
  const sent: RpcMessage[] = [];
  const parser = new MessageParser((message) => sent.push(message));
  fromUs.on('data', (chunk: Buffer) => parser.push(chunk));
  const connection = new RpcConnection(toUs, fromUs, handlers);
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { connection, sent, say: (message: RpcMessage) => toUs.write(encodeMessage(message)), toUs, settle };
}

describe('RpcConnection', () => {
  test('responses reach their request by id, whatever order they come in', async () => {
    const { connection, sent, say, settle } = connect({ onRequest: () => null });
    const a = connection.request<string>('a', {});
    const b = connection.request<string>('b', {});
    await settle();
    expect(sent.map((message) => [message.id, message.method])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    say({ id: 2, result: 'for b' });
    say({ id: 1, result: 'for a' });
    expect(await Promise.all([a, b])).toEqual(['for a', 'for b']);
  });

  test('an error response rejects the request with its message and code', async () => {
    const { connection, say } = connect({ onRequest: () => null });
    const pending = connection.request('boom', null);
    say({ id: 1, error: { code: -32601, message: 'Unhandled method boom' } });
    await expect(pending).rejects.toMatchObject({ name: 'RpcError', code: -32601, message: 'Unhandled method boom' });
  });

  test("the peer's requests are answered by the handler, its notifications delivered", async () => {
    const notes: [string, unknown][] = [];
    const { sent, say, settle } = connect({
      onRequest: (method, params) => (method === 'count' ? (params as unknown[]).length : null),
      onNotification: (method, params) => notes.push([method, params]),
    });
    say({ id: 'x1', method: 'count', params: [1, 2, 3] });
    say({ id: 5, method: 'client/registerCapability', params: {} });
    say({ method: 'window/logMessage', params: { message: 'ß' } });
    await settle();
    expect(sent).toEqual([
      { jsonrpc: '2.0', id: 'x1', result: 3 },
      { jsonrpc: '2.0', id: 5, result: null },
    ]);
    expect(notes).toEqual([['window/logMessage', { message: 'ß' }]]);
  });

  test('a closed stream fails the requests still waiting, and later ones at once', async () => {
    const { connection, toUs } = connect({ onRequest: () => null });
    const pending = connection.request('never', null);
    toUs.destroy();
    await expect(pending).rejects.toBeInstanceOf(RpcError);
    expect(connection.closed).toBe(true);
    await expect(connection.request('later', null)).rejects.toBeInstanceOf(RpcError);
  });
});
