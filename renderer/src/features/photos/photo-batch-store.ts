import { useCallback, useSyncExternalStore } from 'react';
import type { PhotoAnalysis } from '@contract/photos.ts';
import { ApiError, call } from '../../lib/api.ts';
import { readFileUpload } from '../../lib/files.ts';
import { photoFileProblem } from './photo-files.ts';
import type { BatchCounts } from './photo-text.ts';

export type BatchFileStatus = 'waiting' | 'analysing' | 'done' | 'failed' | 'cancelled';

export interface BatchFile {
  key: string;
  fileName: string;
  status: BatchFileStatus;
  analysis: PhotoAnalysis | null;
  error: string | null;
}

/** A client's photos dropped in this window, analysed in order, two in flight. */
export interface Batch {
  files: BatchFile[];
  /** Index of the first file of the current run (the progress bar counts from there). */
  runFrom: number;
  running: boolean;
  cancelled: boolean;
  /** Photos saved or discarded in this window (they win over a photos.list not yet reloaded). */
  statuses: Readonly<Record<string, 'saved' | 'discarded'>>;
}

const EMPTY: Batch = { files: [], runFrom: 0, running: false, cancelled: false, statuses: {} };

/*
 * Kept outside React so the analysis goes on while the practitioner moves between the client's tabs
 * and the photos view, and so a drop on the client page reaches the view it opens. Cleared on lock
 * (clearPhotoBatches), like all client data the window holds.
 */
const batches = new Map<string, Batch>();
const waitingFiles = new Map<string, File>();
const listeners = new Set<() => void>();
let generation = 0;
let nextKey = 1;
let reportError: (error: unknown) => void = () => undefined;

function emit(): void {
  for (const listener of listeners) listener();
}

function batchOf(clientId: string): Batch {
  return batches.get(clientId) ?? EMPTY;
}

function update(clientId: string, change: (batch: Batch) => Batch): void {
  batches.set(clientId, change(batchOf(clientId)));
  emit();
}

function setFile(clientId: string, key: string, patch: Partial<BatchFile>): void {
  update(clientId, (b) => ({ ...b, files: b.files.map((f) => (f.key === key ? { ...f, ...patch } : f)) }));
}

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'The photo could not be analysed.';
}

/**
 * Photos in flight at once: while the detector infers one photo, the main process reads and decodes the
 * next, so a batch goes at about the detector's pace rather than decode + inference in turn. Two is enough
 * to overlap the two stages; more would only hold more photos in memory.
 */
const LANES = 2;

async function run(clientId: string, runGeneration: number): Promise<void> {
  update(clientId, (b) => ({ ...b, running: true }));
  await Promise.all(Array.from({ length: LANES }, () => lane(clientId, runGeneration)));
  if (runGeneration !== generation) return;
  update(clientId, (b) => ({ ...b, running: false }));
}

/** Takes the next waiting file until none is left (each lane; the queue is shared). */
async function lane(clientId: string, runGeneration: number): Promise<void> {
  for (;;) {
    if (runGeneration !== generation) return;
    const batch = batchOf(clientId);
    const next = batch.cancelled ? undefined : batch.files.find((f) => f.status === 'waiting');
    if (!next) break;
    const file = waitingFiles.get(next.key);
    waitingFiles.delete(next.key);
    setFile(clientId, next.key, { status: 'analysing' });
    const problem = file ? photoFileProblem(file) : 'The file is no longer available; add it again.';
    if (problem || !file) {
      setFile(clientId, next.key, { status: 'failed', error: problem });
      continue;
    }
    try {
      const upload = await readFileUpload(file);
      const analysis = await call('photos.analyze', { clientId, ...upload });
      if (runGeneration !== generation) return;
      setFile(clientId, next.key, { status: 'done', analysis });
    } catch (e) {
      if (runGeneration !== generation) return;
      reportError(e);
      setFile(clientId, next.key, { status: 'failed', error: messageOf(e) });
      // Locked or disconnected: the files after this one would fail the same way.
      if (e instanceof ApiError && ['locked', 'offline', 'unauthorized'].includes(e.code)) cancelPhotoBatch(clientId);
    }
  }
}

/** Queues files for analysis (after any already queued) and starts the run if none is going. */
export function addPhotoFiles(clientId: string, files: readonly File[], onError: (error: unknown) => void): void {
  if (files.length === 0) return;
  reportError = onError;
  const added: BatchFile[] = files.map((file) => {
    const key = `f${nextKey++}`;
    waitingFiles.set(key, file);
    return { key, fileName: file.name || 'Unnamed file', status: 'waiting', analysis: null, error: null };
  });
  const wasRunning = batchOf(clientId).running;
  update(clientId, (b) => ({
    ...b,
    files: [...b.files, ...added],
    runFrom: b.running ? b.runFrom : b.files.length,
    cancelled: false,
  }));
  if (!wasRunning) void run(clientId, generation);
}

/** Stops sending further files; those already sent finish, and the analysed ones stay. */
export function cancelPhotoBatch(clientId: string): void {
  update(clientId, (b) => ({
    ...b,
    cancelled: true,
    files: b.files.map((f) => {
      if (f.status !== 'waiting') return f;
      waitingFiles.delete(f.key);
      return { ...f, status: 'cancelled' };
    }),
  }));
}

/** Records that a photo was saved or discarded here. */
export function markPhoto(clientId: string, photoId: string, status: 'saved' | 'discarded'): void {
  update(clientId, (b) => ({ ...b, statuses: { ...b.statuses, [photoId]: status } }));
}

/** The photos analysed in the current run (the newest drop), in order. */
export function currentRunPhotoIds(batch: Batch): string[] {
  return batch.files.slice(batch.runFrom).flatMap((f) => (f.analysis ? [f.analysis.photoId] : []));
}

/** Forgets the failed and cancelled files (the error rows). */
export function dismissPhotoErrors(clientId: string): void {
  update(clientId, (b) => {
    const files = b.files.filter((f) => f.status !== 'failed' && f.status !== 'cancelled');
    return { ...b, files, runFrom: b.running ? Math.min(b.runFrom, files.length) : files.length };
  });
}

/** Drops every batch (on lock: client data must not outlive the session). */
export function clearPhotoBatches(): void {
  generation += 1;
  batches.clear();
  waitingFiles.clear();
  emit();
}

export function batchCounts(batch: Batch): BatchCounts {
  const run = batch.files.slice(batch.runFrom);
  const settled = run.filter((f) => f.status === 'done' || f.status === 'failed').length;
  return {
    total: run.length,
    settled,
    failed: run.filter((f) => f.status === 'failed').length,
    running: batch.running,
    cancelled: batch.cancelled,
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The client's batch, re-rendered on every change. */
export function usePhotoBatch(clientId: string): Batch {
  const snapshot = useCallback(() => batchOf(clientId), [clientId]);
  return useSyncExternalStore(subscribe, snapshot);
}
