/**
 * JSON-RPC 2.0 over a byte stream with LSP framing (`Content-Length: N\r\n\r\n`
 * then N bytes of UTF-8 JSON), as a language server speaks it on stdio.
 *
 * Only what talking to pyright needs: requests we send and their responses (by
 * id), notifications both ways, and requests the server sends us, which a
 * handler answers. Content-Length counts bytes, not characters, so the parser
 * works on Buffers and decodes a body only once all of its bytes are in.
 */
import type { Readable, Writable } from 'node:stream';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What the other side sent: a request (has `id` and `method`), a response (`id` only) or a notification (`method` only). */
export interface RpcMessage {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');

/** Turns stream chunks into messages, however the chunks split or join them. */
export class MessageParser {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly onMessage: (message: RpcMessage) => void) {}

  push(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    for (;;) {
      const headerEnd = this.buffered.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const length = contentLength(this.buffered.subarray(0, headerEnd).toString('ascii'));
      const bodyStart = headerEnd + HEADER_END.length;
      if (this.buffered.length < bodyStart + length) return;
      const body = this.buffered.subarray(bodyStart, bodyStart + length).toString('utf8');
      this.buffered = this.buffered.subarray(bodyStart + length);
      this.onMessage(parseBody(body));
    }
  }
}

function contentLength(headers: string): number {
  for (const line of headers.split('\r\n')) {
    const match = /^content-length:\s*(\d+)\s*$/i.exec(line);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  throw new Error(`a JSON-RPC message without Content-Length: ${JSON.stringify(headers.slice(0, 200))}`);
}

function parseBody(body: string): RpcMessage {
  const parsed: unknown = JSON.parse(body);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`a JSON-RPC message that is not an object: ${body.slice(0, 200)}`);
  }
  return parsed as RpcMessage;
}

/** One message, framed. */
export function encodeMessage(message: RpcMessage): Buffer {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

export class RpcError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export interface ConnectionHandlers {
  /** Answers a request the other side sent; the return value is the result. */
  onRequest(method: string, params: unknown): JsonValue;
  onNotification?(method: string, params: unknown): void;
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** Both directions of one JSON-RPC peer. */
export class RpcConnection {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedBy: Error | undefined;

  constructor(
    input: Readable,
    private readonly output: Writable,
    private readonly handlers: ConnectionHandlers,
  ) {
    const parser = new MessageParser((message) => this.receive(message));
    input.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        // A garbled stream cannot be resynchronised: nothing after it can be trusted.
        this.close(error instanceof Error ? error : new Error(String(error)));
      }
    });
    input.once('close', () => this.close(new RpcError('the connection closed')));
    // A write to a peer that has exited fails with EPIPE; the close above reports it.
    output.on('error', () => undefined);
  }

  get closed(): boolean {
    return this.closedBy !== undefined;
  }

  request<T>(method: string, params: JsonValue): Promise<T> {
    if (this.closedBy) return Promise.reject(this.closedBy);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (result) => resolve(result as T), reject });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: JsonValue): void {
    if (!this.closedBy) this.send({ method, params });
  }

  /** Fail every request still waiting; later ones fail at once. */
  close(reason: Error): void {
    if (this.closedBy) return;
    this.closedBy = reason;
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
  }

  private send(message: RpcMessage): void {
    this.output.write(encodeMessage(message));
  }

  private receive(message: RpcMessage): void {
    if (message.method !== undefined) {
      if (message.id === undefined || message.id === null) {
        this.handlers.onNotification?.(message.method, message.params);
        return;
      }
      this.answer(message.id, message.method, message.params);
      return;
    }
    if (typeof message.id !== 'number') return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.error) waiting.reject(new RpcError(message.error.message, message.error.code));
    else waiting.resolve(message.result ?? null);
  }

  private answer(id: number | string, method: string, params: unknown): void {
    try {
      this.send({ id, result: this.handlers.onRequest(method, params) });
    } catch (error) {
      this.send({ id, error: { code: -32603, message: error instanceof Error ? error.message : String(error) } });
    }
  }
}
