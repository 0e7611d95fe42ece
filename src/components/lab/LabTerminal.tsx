import { useEffect, useRef, useState } from 'preact/hooks';
import type { OutputFeed } from '../../labs/ui/output-feed.js';
import { throttle } from '../../labs/ui/throttle.js';

/** Lines the screen-reader log keeps; older ones leave it as new ones arrive. */
const LOG_LINES = 30;

/**
 * The app's output: an xterm terminal for the eye, and the same lines in a visually hidden log
 * that screen readers announce, at most once a second. xterm (about 85 kB gzip) is loaded with
 * the first line of output, not with the page: until the app runs there is nothing to show.
 */
export default function LabTerminal({ feed }: { feed: OutputFeed }) {
  const host = useRef<HTMLDivElement>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [hasOutput, setHasOutput] = useState(feed.appended > 0);

  useEffect(() => {
    if (hasOutput) return;
    return feed.subscribe(() => setHasOutput(true));
  }, [feed, hasOutput]);

  useEffect(() => {
    if (!hasOutput) return;
    let cancelled = false;
    let close: (() => void) | undefined;
    import('./terminal/xterm-terminal.js')
      .then(({ openTerminal }) => {
        if (!cancelled && host.current) close = openTerminal(host.current, feed);
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoadError(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
      close?.();
    };
  }, [feed, hasOutput]);

  return (
    <section className="lab-terminal" aria-labelledby="lab-terminal-heading">
      <h3 id="lab-terminal-heading">Terminal</h3>
      <div ref={host} className="lab-terminal-host" role="region" aria-label="Terminal output">
        {!hasOutput && <p className="lab-placeholder">No output yet. Start the app and its output appears here.</p>}
      </div>
      {loadError && (
        <p className="lab-error" role="alert">
          The terminal could not be loaded ({loadError}); the output is still announced to screen readers. Reload the page to try again.
        </p>
      )}
      <OutputLog feed={feed} />
    </section>
  );
}

function OutputLog({ feed }: { feed: OutputFeed }) {
  // Re-renders at most once a second; what it shows is read from the feed.
  const [, setShown] = useState(feed.appended);
  useEffect(() => {
    const update = throttle(() => setShown(feed.appended), 1_000);
    const unsubscribe = feed.subscribe(update);
    return () => {
      unsubscribe();
      update.cancel();
    };
  }, [feed]);

  const lines = feed.latest(LOG_LINES);
  const first = feed.appended - lines.length;
  return (
    <div role="log" aria-live="polite" aria-label="App output as text" className="lab-sr-only">
      {lines.map((line, index) => (
        // Keys are sequence numbers, so only new lines are added to the DOM and announced.
        <div key={first + index}>
          {line.kind === 'stderr' ? 'stderr: ' : line.kind === 'error' ? 'harness: ' : ''}
          {line.text}
        </div>
      ))}
    </div>
  );
}
