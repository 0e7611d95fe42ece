import { useEffect, useState } from 'preact/hooks';
import type { DocumentKind } from '../../rules/types.js';
import { lintLabFiles } from '../../labs/ui/lab-lint.js';
import { loadLintEngine } from '../../rules/load-engine.js';
import type { FileFindings } from './LabEditor.js';

/**
 * Rule findings for the editable files the rules read, recomputed on the frame after each
 * change: a burst of keystrokes within one frame costs one run of the rules. Read-only files
 * are context only: a learner cannot act on their findings. `lint` is null for labs with no
 * such file, which then load no rules engine at all.
 */
export function useLabFindings(
  files: Readonly<Record<string, string>>,
  lint: { editable: readonly string[]; kinds: ReadonlySet<DocumentKind> } | null,
): { findings: Record<string, FileFindings>; error: string | null } {
  const [findings, setFindings] = useState<Record<string, FileFindings>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (lint === null) return;
    let cancelled = false;
    const frame = requestAnimationFrame(() => {
      loadLintEngine(lint.kinds).then(
        (engine) => {
          if (cancelled) return;
          const byPath = lintLabFiles(engine, files, lint.editable);
          setFindings(Object.fromEntries(Object.entries(byPath).map(([path, list]) => [path, { text: files[path] ?? '', findings: list }])));
          setError(null);
        },
        (reason: unknown) => {
          if (!cancelled) setError(reason instanceof Error ? reason.message : String(reason));
        },
      );
    });
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, [files, lint]);

  return { findings, error };
}
