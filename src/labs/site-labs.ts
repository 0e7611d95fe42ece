import path from 'node:path';
import { loadLabs, type LoadedLab } from './load-lab.js';

let labs: Promise<LoadedLab[]> | undefined;

/**
 * Every lab of the course, read and validated once per build from the top-level labs/ folder.
 * An invalid manifest fails the build with the lab and the field named.
 */
export function siteLabs(): Promise<LoadedLab[]> {
  labs ??= loadLabs(path.resolve('labs'));
  return labs;
}
