import { useEffect, useRef, useState } from 'preact/hooks';
import { describeCounters, type RequestCounters as Counters } from '../../labs/ui/counters.js';
import { throttle } from '../../labs/ui/throttle.js';

const ROWS: { key: keyof Omit<Counters, 'done' | 'total'>; label: string; help: string }[] = [
  { key: 'ok', label: 'OK', help: 'complete 2xx responses' },
  { key: 'failed', label: 'Failed', help: 'errors, resets of accepted requests, refusals before readiness 503, timeouts' },
  { key: 'retrySafeReset', label: 'Retry-safe resets', help: 'keep-alive race: reset before any response byte; a client may retry' },
  { key: 'refusedAfterReady503', label: 'Refused after 503', help: 'refused once readiness said 503; a load balancer would have stopped routing' },
  { key: 'inFlight', label: 'In flight', help: 'sent, not answered yet' },
];

/**
 * Live request counters. The numbers change with every event; screen readers get one sentence
 * at most once a second from a separate live region, so they are not flooded.
 */
export default function RequestCounters({ counters }: { counters: Counters | null }) {
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef(counters);
  latest.current = counters;
  const announce = useRef(throttle(() => setAnnouncement(latest.current ? describeCounters(latest.current) : ''), 1_000));

  useEffect(() => {
    if (counters) announce.current();
  }, [counters]);
  useEffect(() => () => announce.current.cancel(), []);

  return (
    <section className="lab-counters" aria-labelledby="lab-counters-heading">
      <h3 id="lab-counters-heading">Requests</h3>
      {counters === null ? (
        <p className="lab-placeholder">No load yet. Start the app, then send load.</p>
      ) : (
        <>
          <p className="lab-counters-state">{counters.done ? 'Load finished' : 'Load running'}</p>
          <dl className="lab-counter-list">
            {ROWS.map(({ key, label, help }) => (
              <div key={key} className={`lab-counter lab-counter-${key}`} title={help}>
                <dt>{label}</dt>
                <dd>{counters[key]}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <p className="lab-sr-only" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
