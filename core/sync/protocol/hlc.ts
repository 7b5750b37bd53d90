/**
 * The sync protocol's clock. A syncable row is identified by (table, id) with a UUIDv7 id made on
 * the device. Every field of it carries its own hybrid-logical-clock stamp (HLC, Kulkarni et al.
 * 2014, "Logical Physical Clocks"), so two devices that edited different fields of one row offline
 * both keep their edits, and the same field edited on both resolves to the later stamp on every
 * device and on the server. Pure: no I/O.
 */

// A stamp is "<wall ms, 15 digits>-<counter, 6 digits>-<device id>". Fixed widths make the string
// order equal the clock order; the device id breaks ties between devices.

export const HLC_RE = /^\d{15}-\d{6}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_HLC_COUNTER = 999_999;
/** A stamp further ahead of the receiver's clock than this is refused (a device with a broken clock). */
export const MAX_CLOCK_DRIFT_MS = 24 * 60 * 60 * 1000;

export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

export function formatHlc(h: Hlc): string {
  return `${String(h.wall).padStart(15, '0')}-${String(h.counter).padStart(6, '0')}-${h.node}`;
}

export function parseHlc(s: string): Hlc {
  if (!HLC_RE.test(s)) throw new Error(`not a hybrid logical clock stamp: ${s.slice(0, 80)}`);
  return { wall: Number(s.slice(0, 15)), counter: Number(s.slice(16, 22)), node: s.slice(23) };
}

/** Orders two stamps (-1, 0, 1); plain string order thanks to the fixed-width encoding. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A device's clock. `tick(wallMs)` stamps a local change made at wallMs; `receive(stamp, wallMs)`
 * moves the clock past a stamp seen from elsewhere, so whatever this device does next is ordered
 * after what it has seen, even when its wall clock is behind.
 */
export class HybridClock {
  private last: Hlc;
  readonly node: string;
  private readonly now: () => number;

  /**
   * `now` is the machine's clock. A saved state or an edit time further ahead of it than half the
   * drift the server accepts (a clock that was once set wrong, since corrected) is pulled back to it,
   * so one wrong clock setting cannot make every later change unacceptable to the server.
   */
  constructor(node: string, last?: string | null, now: () => number = Date.now) {
    this.node = node;
    this.now = now;
    const saved = last ? parseHlc(last) : null;
    this.last = saved && saved.wall <= this.limit() ? { ...saved, node } : { wall: 0, counter: 0, node };
  }

  private limit(): number {
    return this.now() + MAX_CLOCK_DRIFT_MS / 2;
  }

  /** Stamps a local change made at wallMs (an edit time is never taken as later than a minute from now). */
  tick(wallMs: number): string {
    const wall = Math.min(wallMs, this.now() + 60_000);
    if (wall > this.last.wall) this.last = { wall, counter: 0, node: this.node };
    else this.bump();
    return formatHlc(this.last);
  }

  receive(stamp: string, wallMs: number): void {
    const r = parseHlc(stamp);
    if (r.wall > wallMs + MAX_CLOCK_DRIFT_MS) return; // refuse to be dragged into the future
    const wall = Math.max(this.last.wall, r.wall, wallMs);
    if (wall === this.last.wall && wall === r.wall) this.last.counter = Math.max(this.last.counter, r.counter) + 1;
    else if (wall === this.last.wall) this.last.counter += 1;
    else if (wall === r.wall) this.last = { wall, counter: r.counter + 1, node: this.node };
    else this.last = { wall, counter: 0, node: this.node };
    if (this.last.counter > MAX_HLC_COUNTER) this.last = { wall: this.last.wall + 1, counter: 0, node: this.node };
  }

  current(): string {
    return formatHlc(this.last);
  }

  private bump(): void {
    if (this.last.counter >= MAX_HLC_COUNTER) this.last = { wall: this.last.wall + 1, counter: 0, node: this.node };
    else this.last = { ...this.last, counter: this.last.counter + 1 };
  }
}
