/**
 * Memory snapshots of a Pyodide that has already imported the bridge: restoring one
 * takes a fraction of a cold load. A snapshot is only valid for the exact Pyodide build
 * and bridge sources it was taken with, so both are in its file name.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { crc32 } from 'node:zlib';

/** The Python files a snapshot has imported; a change to any of them needs a new snapshot. */
export interface BridgeSource {
  name: string;
  text: string;
}

const NAME_PREFIX = 'pyodide-';
const NAME_SUFFIX = '.snapshot';
/** Our own header: magic, CRC-32 and length of the payload. 16 bytes keeps the payload 4-byte aligned, which Pyodide's restore needs. */
const MAGIC = 'ADVPYSN1';
const HEADER_BYTES = 16;

export function planSnapshotName(input: {
  pyodideVersion: string;
  protocolVersion: number;
  bridgeDir: string;
  sources: readonly BridgeSource[];
}): string {
  const hash = createHash('sha256');
  // The bridge's absolute path is baked into the snapshot (module __file__, errors.py's
  // bridge-frame filter), so a moved package needs its own snapshot too.
  hash.update(input.bridgeDir).update('\0');
  for (const source of [...input.sources].sort((a, b) => a.name.localeCompare(b.name))) {
    hash.update(source.name).update('\0').update(source.text).update('\0');
  }
  const digest = hash.digest('hex').slice(0, 16);
  return `${NAME_PREFIX}${input.pyodideVersion}-bridge${input.protocolVersion}-${digest}${NAME_SUFFIX}`;
}

/** The embedded glue plus every module of the `_advpy_kata` package. */
export function readBridgeSources(bridgeDir: string): BridgeSource[] {
  const packageDir = join(bridgeDir, '_advpy_kata');
  const modules = readdirSync(packageDir)
    .filter((name) => name.endsWith('.py'))
    .map((name) => ({ name: `_advpy_kata/${name}`, text: readFileSync(join(packageDir, name), 'utf8') }));
  return [{ name: 'advpy_embedded.py', text: readFileSync(join(bridgeDir, 'advpy_embedded.py'), 'utf8') }, ...modules];
}

export type SnapshotRead = { ok: true; payload: Uint8Array } | { ok: false; problem: string };

/** Check our header and checksum; a torn or damaged file must mean "load cold", never a broken interpreter. */
export function parseSnapshot(bytes: Uint8Array): SnapshotRead {
  if (bytes.byteLength < HEADER_BYTES) return { ok: false, problem: 'the snapshot file is truncated' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) return { ok: false, problem: 'the snapshot file has an unknown format' };
  const checksum = view.getUint32(8, true);
  const length = view.getUint32(12, true);
  if (bytes.byteLength - HEADER_BYTES !== length) return { ok: false, problem: 'the snapshot file is truncated' };
  let payload = bytes.subarray(HEADER_BYTES);
  if (crc32(payload) !== checksum) return { ok: false, problem: 'the snapshot file is corrupt (checksum mismatch)' };
  // Pyodide reads the payload through a Uint32Array view.
  if (payload.byteOffset % 4 !== 0) payload = payload.slice();
  return { ok: true, payload };
}

export function readSnapshot(path: string): SnapshotRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return { ok: false, problem: 'no snapshot yet' };
  }
  return parseSnapshot(bytes);
}

/**
 * Write atomically (temp file, then rename) so a concurrent reader sees the old file or
 * the new one, never half of one; then drop snapshots of other versions, which are 30 MB each.
 */
export function writeSnapshot(path: string, payload: Uint8Array): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true });
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(crc32(payload), 8);
  header.writeUInt32LE(payload.byteLength, 12);
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeAll(fd, header);
      writeAll(fd, payload);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  for (const name of readdirSync(folder)) {
    if (name !== basename(path) && name.startsWith(NAME_PREFIX) && name.endsWith(NAME_SUFFIX)) {
      rmSync(join(folder, name), { force: true });
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
}
