import { fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIdleLock } from './use-idle-lock.ts';

function Probe({ minutes, onIdle }: { minutes: number; onIdle: () => void }): null {
  useIdleLock(minutes, onIdle);
  return null;
}

const MINUTE = 60_000;

describe('useIdleLock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-06T10:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('locks once after the idle minutes, not before', () => {
    const onIdle = vi.fn();
    render(<Probe minutes={15} onIdle={onIdle} />);
    vi.advanceTimersByTime(14 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1 * MINUTE + 15_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('keyboard or pointer use starts the idle time again', () => {
    const onIdle = vi.fn();
    render(<Probe minutes={15} onIdle={onIdle} />);
    vi.advanceTimersByTime(10 * MINUTE);
    fireEvent.keyDown(window, { key: 'a' });
    vi.advanceTimersByTime(10 * MINUTE);
    fireEvent.pointerDown(document.body);
    vi.advanceTimersByTime(10 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(6 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never locks when set to 0', () => {
    const onIdle = vi.fn();
    render(<Probe minutes={0} onIdle={onIdle} />);
    vi.advanceTimersByTime(24 * 60 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
