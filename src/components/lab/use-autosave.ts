import { useEffect, useRef } from 'preact/hooks';

/** How long after the last edit the files are saved. */
const AUTOSAVE_DELAY_MS = 400;

/**
 * Saves shortly after the last change to `files`, and at once when the page is hidden or
 * left with a save still pending, so a reload never loses an edit.
 */
export function useAutosave(files: unknown, initialFiles: unknown, save: () => void): void {
  const pending = useRef(false);
  const latestSave = useRef(save);
  latestSave.current = save;

  useEffect(() => {
    if (files === initialFiles) return;
    pending.current = true;
    const timer = setTimeout(() => {
      pending.current = false;
      latestSave.current();
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [files, initialFiles]);

  useEffect(() => {
    const flush = () => {
      if (!pending.current) return;
      pending.current = false;
      latestSave.current();
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, []);
}
