/**
 * Writing one PDF: stream the document into a temporary file and rename it into place when
 * complete. Reports path, pages, bytes and time for the build summary and the manifest.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Canvas, type DocumentOptions } from '../pdf/index.js';
import { openAtomicStream } from '../write/index.js';

/** Event paperwork made from the roster (artifacts/paperwork). */
export type PaperworkKind = 'certificate' | 'receipt' | 'name-tags' | 'invitation' | 'answer-sheet' | 'evaluation' | 'scores';

export interface ArtifactResult {
  path: string;
  kind: 'handbook' | 'slides' | 'slides-notes' | 'attendance' | 'changelog' | 'pptx' | 'docx' | PaperworkKind;
  pages: number;
  bytes: number;
  sha256: string;
  ms: number;
  audience?: string;
  edition?: string;
}

export type ArtifactInfo = Pick<ArtifactResult, 'kind' | 'audience' | 'edition'>;

/** Create a document, let `draw` fill it (returns the page count), and write it atomically. */
export async function writePdf(target: string, options: DocumentOptions, info: ArtifactInfo, draw: (canvas: Canvas) => Promise<number> | number): Promise<ArtifactResult> {
  const started = performance.now();
  const out = openAtomicStream(target);
  try {
    const canvas = Canvas.create(options);
    canvas.pipe(out.stream);
    const pages = await draw(canvas);
    canvas.end();
    return finished(target, info, pages, started, await out.commit());
  } catch (e) {
    out.discard();
    throw e;
  }
}

/** The report of a written file; `bytesAt` is where its bytes are now (a staged temp file in a batch). */
export function finished(target: string, info: ArtifactInfo, pages: number, started: number, bytesAt = target): ArtifactResult {
  const bytes = readFileSync(bytesAt);
  return { path: target, ...info, pages, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), ms: performance.now() - started };
}
