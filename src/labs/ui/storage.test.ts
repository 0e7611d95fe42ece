import { describe, expect, it } from 'vitest';
import {
  SAVED_WORK_RESET_NOTICE,
  SAVED_WORK_UNAVAILABLE_NOTICE,
  SAVED_WORK_VERSION,
  discardWork,
  restoreWork,
  saveWork,
  savedWorkKey,
} from './storage.js';
import { memoryStore } from './test-store.js';

const starter = { 'server.js': 'starter server', 'package.json': '{"type":"module"}' };
const editable = ['server.js'];

describe('saved work', () => {
  it('starts from the starter files when nothing is saved', () => {
    expect(restoreWork(memoryStore(), 'drain', starter, editable)).toEqual({ files: starter, restored: false, notice: null });
  });

  it('restores saved edits after a reload, with a version field', () => {
    const store = memoryStore();
    expect(saveWork(store, 'drain', { ...starter, 'server.js': 'my fix' }, editable, new Date('2025-05-01T10:00:00Z'))).toBe(true);
    expect(JSON.parse(store.entries.get(savedWorkKey('drain'))!)).toEqual({
      version: SAVED_WORK_VERSION,
      files: { 'server.js': 'my fix' },
      savedAt: '2025-05-01T10:00:00.000Z',
    });
    expect(restoreWork(store, 'drain', starter, editable)).toEqual({
      files: { ...starter, 'server.js': 'my fix' },
      restored: true,
      notice: null,
    });
  });

  it('keeps each lab apart', () => {
    const store = memoryStore();
    saveWork(store, 'drain', { 'server.js': 'drain edit' }, editable);
    expect(restoreWork(store, 'keep-alive', starter, editable).files['server.js']).toBe('starter server');
  });

  it('never restores read-only or unknown files from storage', () => {
    const saved = { version: 1, savedAt: 'x', files: { 'server.js': 'mine', 'package.json': 'tampered', 'extra.js': 'old' } };
    const store = memoryStore({ [savedWorkKey('drain')]: JSON.stringify(saved) });
    expect(restoreWork(store, 'drain', starter, editable).files).toEqual({ ...starter, 'server.js': 'mine' });
  });

  it.each([
    ['not JSON', '{"version":1,'],
    ['a wrong version', JSON.stringify({ version: 2, savedAt: 'x', files: { 'server.js': 'new format' } })],
    ['no version', JSON.stringify({ files: { 'server.js': 'x' }, savedAt: 'x' })],
    ['a non-string file', JSON.stringify({ version: 1, savedAt: 'x', files: { 'server.js': 42 } })],
    ['an array', '[]'],
  ])('resets a value with %s, with a notice, and removes it', (_, raw) => {
    const store = memoryStore({ [savedWorkKey('drain')]: raw });
    expect(restoreWork(store, 'drain', starter, editable)).toEqual({ files: starter, restored: false, notice: SAVED_WORK_RESET_NOTICE });
    expect(store.entries.has(savedWorkKey('drain'))).toBe(false);
  });

  it('says so when the browser offers no storage', () => {
    expect(restoreWork(null, 'drain', starter, editable)).toEqual({ files: starter, restored: false, notice: SAVED_WORK_UNAVAILABLE_NOTICE });
  });

  it('reports a refused write instead of throwing', () => {
    expect(saveWork(memoryStore({}, { failWrites: true }), 'drain', starter, editable)).toBe(false);
  });

  it('reads a store that throws as empty', () => {
    const throwing = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => {}, removeItem: () => {} };
    expect(restoreWork(throwing, 'drain', starter, editable).files).toEqual(starter);
  });

  it('discards saved work', () => {
    const store = memoryStore();
    saveWork(store, 'drain', { 'server.js': 'x' }, editable);
    discardWork(store, 'drain');
    expect(store.entries.size).toBe(0);
  });
});
