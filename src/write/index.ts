/**
 * Atomic output: every artifact is written to a hidden temporary file beside its target and
 * renamed into place only when complete. A failure or an interrupt never leaves a half-written
 * file and never destroys the previous good one; temporary files are removed on the way out.
 */
import { closeSync, createWriteStream, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { fail } from '../curriculum/index.js';

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
    fail(dir, 'folder hasil tidak dapat dibuat', { found: (e as NodeJS.ErrnoException).code, hint: 'periksa izin tulis folder itu atau pilih folder lain dengan --out' });
  }
}

function openTemp(target: string): string {
  ensureDir(path.dirname(target));
  hookCleanup();
  const tmp = tempPathFor(target);
  pending.add(tmp);
  return tmp;
}

function commit(tmp: string, target: string): void {
  renameSync(tmp, target);
  pending.delete(tmp);
}

function writeProblem(target: string, e: unknown): never {
  const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
  fail(target, 'berkas hasil tidak dapat ditulis', {
    found: code,
    hint: code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'folder hasil tidak boleh ditulisi; pilih folder lain dengan --out' : code === 'ENOSPC' ? 'disk penuh; kosongkan ruang lalu ulangi' : 'periksa folder hasil lalu ulangi',
  });
}

/** Write a whole buffer or string atomically. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const tmp = openTemp(target);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    commit(tmp, target);
  } catch (e) {
    discard(tmp);
    writeProblem(target, e);
  }
}

export interface AtomicStream {
  stream: WriteStream;
  /** Wait for the stream to finish, then rename into place. */
  commit(): Promise<void>;
  /** Throw the unfinished file away. */
  discard(): void;
}

/** A stream to a temporary file, for documents written page by page. */
export function openAtomicStream(target: string): AtomicStream {
  const tmp = openTemp(target);
  const stream = createWriteStream(tmp);
  let error: unknown;
  stream.on('error', (e) => (error = e));
  return {
    stream,
    commit: () =>
      new Promise<void>((resolve, reject) => {
        const done = () => {
          if (error) {
            discard(tmp);
            return reject(asWriteProblem(target, error));
          }
          try {
            commit(tmp, target);
            resolve();
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

function discard(tmp: string): void {
  rmSync(tmp, { force: true });
  pending.delete(tmp);
}
