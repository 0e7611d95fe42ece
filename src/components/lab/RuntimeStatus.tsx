import type { LabRuntime } from '../../labs/runtime/types.js';
import { WEBCONTAINER_BOOT_TIMEOUT_MS, type SelectionPhase } from '../../labs/ui/select-runtime.js';

export type RuntimeView =
  | { status: 'selecting'; phase: SelectionPhase | null }
  | { status: 'ready'; runtime: LabRuntime; fallback: string | null }
  /** retry: the server runtime is enabled but could not be reached, so trying again may help. */
  | { status: 'none'; explanation: string[]; retry: boolean }
  | { status: 'not-needed' }
  | { status: 'closed'; reason: string };

interface RuntimeStatusProps {
  view: RuntimeView;
  /** Offered while WebContainers boot, when the course server can run labs too. */
  onUseServer: (() => void) | null;
  onReconnect(): void;
}

function statusText(view: RuntimeView): string {
  switch (view.status) {
    case 'selecting':
      if (view.phase === 'connecting-server') return 'Runtime: connecting to the course server…';
      if (view.phase === 'booting-webcontainer') return `Runtime: starting WebContainers in your browser (this can take up to ${WEBCONTAINER_BOOT_TIMEOUT_MS / 1000} s)…`;
      return 'Runtime: checking what this browser can run…';
    case 'ready':
      return `Runtime: ${view.runtime.label}${view.fallback ? `, because ${view.fallback}` : ''}.`;
    case 'none':
      return 'Runtime: none. The app cannot run on this page.';
    case 'not-needed':
      return 'Runtime: none needed. This lab checks your files only.';
    case 'closed':
      return `Runtime: stopped. ${view.reason.charAt(0).toUpperCase()}${view.reason.slice(1)}.`;
  }
}

/** Which runtime runs the lab, always in view; and, when none can, why and what still works. */
export default function RuntimeStatus({ view, onUseServer, onReconnect }: RuntimeStatusProps) {
  return (
    <div className={`lab-runtime lab-runtime-${view.status}`}>
      <p role="status" aria-label="Lab runtime" className="lab-runtime-line">
        {statusText(view)}
      </p>
      {onUseServer && (
        <button type="button" className="lab-button" onClick={onUseServer}>
          Use the course server instead
        </button>
      )}
      {(view.status === 'closed' || (view.status === 'none' && view.retry)) && (
        <button type="button" className="lab-button" onClick={onReconnect}>
          Reconnect
        </button>
      )}
      {view.status === 'none' && (
        <div className="lab-runtime-explanation">
          {view.explanation.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </div>
      )}
    </div>
  );
}
