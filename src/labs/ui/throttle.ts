/**
 * Calls `run` at most once per `intervalMs`, at the leading edge and once more at the end of a
 * burst, so the last state is always shown. Live regions use it: a screen reader that is
 * handed a new text five times a second reads none of it.
 */
export interface Throttled {
  (): void;
  cancel(): void;
}

export function throttle(run: () => void, intervalMs: number, now: () => number = Date.now): Throttled {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = now();
    run();
  };
  const throttled = () => {
    if (timer !== undefined) return;
    const wait = last + intervalMs - now();
    if (wait <= 0) fire();
    else timer = setTimeout(fire, wait);
  };
  throttled.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return throttled;
}
