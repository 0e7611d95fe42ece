import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a lab's files (by path relative to `root`, "/" separators) into the folder `root`.
 * Lab paths are validated when a lab is loaded, yet a path that would leave the folder is
 * refused here too: files may come from a published bundle rather than from labs/.
 */
export async function writeLabFiles(root: string, files: Readonly<Record<string, string>>): Promise<void> {
  const folder = path.resolve(root);
  for (const [file, content] of Object.entries(files)) {
    const target = path.resolve(folder, file);
    if (!target.startsWith(folder + path.sep)) throw new Error(`${file} would be written outside ${folder}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}
