import { inflateRawSync } from 'node:zlib';

// Just enough of ZIP (APPNOTE 6.3) to read an export someone uploads: the central directory,
// stored and deflated entries, with every offset checked. No ZIP64, no encryption.

/** Limits that keep an upload from exhausting memory (a "zip bomb" stops at `maxTotalBytes`). */
export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
}

const DEFAULT_LIMITS: ZipLimits = { maxEntries: 5000, maxTotalBytes: 50 * 1024 * 1024 };

/**
 * The files of a ZIP archive by name, or why it could not be read. Never throws.
 *
 * @example
 * const zip = readZip(bytes);
 * if (zip.ok) new TextDecoder().decode(zip.files.get('agent.json'));
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS): { ok: true; files: Map<string, Uint8Array> } | { ok: false; error: string } {
  try {
    return { ok: true, files: read(bytes, limits) };
  } catch (e) {
    return { ok: false, error: e instanceof ZipError ? e.message : 'not a readable ZIP archive' };
  }
}

class ZipError extends Error {}

function read(bytes: Uint8Array, limits: ZipLimits): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count > limits.maxEntries) throw new ZipError(`too many files in the archive (more than ${limits.maxEntries})`);
  const files = new Map<string, Uint8Array>();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    need(view, at, 46);
    if (view.getUint32(at, true) !== 0x02014b50) throw new ZipError('damaged central directory');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    need(view, at + 46, nameLength);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (flags & 1) throw new ZipError(`${name}: encrypted files are not supported`);
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipError(`the archive unpacks to more than ${limits.maxTotalBytes} bytes`);
    need(view, localOffset, 30);
    if (view.getUint32(localOffset, true) !== 0x04034b50) throw new ZipError(`${name}: damaged local header`);
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    need(view, dataStart, compressed);
    const data = bytes.subarray(dataStart, dataStart + compressed);
    if (method === 0) files.set(name, data);
    else if (method === 8) {
      // The declared size bounds the output: a lying header cannot unpack more than it claims.
      const out = inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
      if (out.length !== size) throw new ZipError(`${name}: size does not match`);
      files.set(name, new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
    } else throw new ZipError(`${name}: compression method ${method} is not supported`);
  }
  return files;
}

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - 22;
  // The record sits at the end, after a comment of at most 65535 bytes.
  for (let at = last; at >= 0 && at >= last - 65535; at--) if (view.getUint32(at, true) === 0x06054b50) return at;
  throw new ZipError('not a ZIP archive (no central directory)');
}

function need(view: DataView, at: number, length: number): void {
  if (at < 0 || length < 0 || at + length > view.byteLength) throw new ZipError('truncated archive');
}
