/**
 * Atomic output: every artifact is written to a hidden temporary file beside its target and
 * renamed into place only when complete. A failure or an interrupt never leaves a half-written
 * file and never destroys the previous good one; temporary files are removed on the way out.
 */
import { closeSync, createWriteStream, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { displayPath, fail } from '../curriculum/index.js';

const pending = new Set<string>();
let hooked = false;

/** Remove temp files of unfinished writes (SIGINT, SIGTERM, or an exception on the way out). */
function hookCleanup(): void {
  if (hooked) return;
  hooked = true;
  const cleanup = () => {
    for (const tmp of pending) rmSync(tmp, { force: true });
    pending.clear();
  };
  process.on('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      cleanup();
      process.stderr.write(`\nbimtek: dihentikan (${sig}); berkas yang belum selesai tidak ditulis\n`);
      process.exit(130);
    });
  }
}

function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
}

export function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
    // ENOTDIR/EEXIST: the path, or a folder on the way to it, is a regular file.
    const file = code === 'ENOTDIR' || code === 'EEXIST' ? fileOnTheWay(dir) : undefined;
    fail(displayPath(dir), 'folder hasil tidak dapat dibuat', {
      found: file ? `"${displayPath(file)}" adalah berkas, bukan folder` : code,
      hint: file ? 'pilih folder lain dengan --out, atau pindahkan berkas itu' : 'periksa izin tulis folder itu atau pilih folder lain dengan --out',
    });
  }
}

function fileOnTheWay(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    try {
      if (!statSync(d).isDirectory()) return d;
    } catch {
      // not there yet: look further up
    }
    if (path.dirname(d) === d) return undefined;
  }
}

function openTemp(target: string): string {
  ensureDir(path.dirname(target));
  hookCleanup();
  const tmp = tempPathFor(target);
  pending.add(tmp);
  return tmp;
}

/** Finished files waiting for the whole build to succeed (see inBatch), temp path → target. */
let staged: Map<string, string> | null = null;

/** Rename into place, or stage the rename while a batch runs; returns where the bytes are now. */
function commit(tmp: string, target: string): string {
  if (staged) {
    staged.set(tmp, target);
    return tmp;
  }
  renameSync(tmp, target);
  pending.delete(tmp);
  return target;
}

/**
 * All or nothing: files finished inside `fn` replace their targets only when `fn` succeeds, so a
 * build that fails on its third document leaves the folder exactly as it was.
 */
export async function inBatch<T>(fn: () => Promise<T>): Promise<T> {
  const batch = new Map<string, string>();
  staged = batch;
  try {
    const result = await fn();
    staged = null;
    for (const [tmp, target] of batch) commit(tmp, target);
    return result;
  } catch (e) {
    staged = null;
    for (const tmp of batch.keys()) discard(tmp);
    throw e;
  }
}

function writeProblem(target: string, e: unknown): never {
  const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
  fail(displayPath(target), 'berkas hasil tidak dapat ditulis', {
    found: code,
    hint: code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'folder hasil tidak boleh ditulisi; pilih folder lain dengan --out' : code === 'ENOSPC' ? 'disk penuh; kosongkan ruang lalu ulangi' : 'periksa folder hasil lalu ulangi',
  });
}

/** Write a whole buffer or string atomically; returns where the bytes are (the target, or a staged temp file). */
export function writeFileAtomic(target: string, data: string | Uint8Array): string {
  const tmp = openTemp(target);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return commit(tmp, target);
  } catch (e) {
    discard(tmp);
    writeProblem(target, e);
  }
}

export interface AtomicStream {
  stream: WriteStream;
  /** Wait for the stream to finish, then rename into place; resolves to where the bytes are. */
  commit(): Promise<string>;
  /** Throw the unfinished file away. */
  discard(): void;
}

/** A stream to a temporary file, for documents written page by page. */
export function openAtomicStream(target: string): AtomicStream {
  const tmp = openTemp(target);
  // Open synchronously: a folder that cannot be written is reported before any drawing, and no
  // asynchronous open can recreate the temp file after it was thrown away.
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    discard(tmp);
    writeProblem(target, e);
  }
  const stream = createWriteStream(tmp, { fd });
  let error: unknown;
  stream.on('error', (e) => (error = e));
  return {
    stream,
    commit: () =>
      new Promise<string>((resolve, reject) => {
        const done = () => {
          if (error) {
            discard(tmp);
            return reject(asWriteProblem(target, error));
          }
          try {
            flushToDisk(tmp);
            resolve(commit(tmp, target));
          } catch (e) {
            discard(tmp);
            reject(asWriteProblem(target, e));
          }
        };
        if (stream.closed) done();
        else stream.once('close', done);
      }),
    discard: () => {
      stream.destroy();
      discard(tmp);
    },
  };
}

function asWriteProblem(target: string, e: unknown): unknown {
  try {
    writeProblem(target, e);
  } catch (err) {
    return err;
  }
}

/** The data must be on disk before the rename makes it the target, or a crash could leave an empty file. */
function flushToDisk(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function discard(tmp: string): void {
  rmSync(tmp, { force: true });
  pending.delete(tmp);
}
