import { useEffect, useRef } from 'react';

/** What counts as the practitioner still being there. */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
/** How often the idle time is looked at: a lock comes at most this late. */
export const IDLE_CHECK_MS = 15_000;

/**
 * Calls `onIdle` once after `minutes` without keyboard or pointer use in this window (0 = never). The
 * time is read from the clock at each check rather than counted by one long timer, so a machine that
 * slept, or a background window whose timers the browser slowed, still locks once the time has passed.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const callback = useRef(onIdle);
  useEffect(() => {
    callback.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (!(minutes > 0)) return;
    let last = Date.now();
    let fired = false;
    const touch = (): void => {
      last = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { passive: true, capture: true });
    const timer = setInterval(() => {
      if (!fired && Date.now() - last >= minutes * 60_000) {
        fired = true;
        callback.current();
      }
    }, IDLE_CHECK_MS);
    return () => {
      clearInterval(timer);
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch, { capture: true });
    };
  }, [minutes]);
}
