/**
 * A small builder for CPLEX LP text (the format the HiGHS wasm build reads): named variables with
 * bounds and kinds, linear rows and an objective. Coefficients are written in full precision and
 * tiny ones dropped, so the text stays short and exact.
 */

export type VarKind = 'continuous' | 'integer' | 'binary';
export interface Term {
  v: string;
  c: number;
}

export class LpModel {
  private readonly objective = new Map<string, number>();
  private readonly rows: string[] = [];
  private readonly bounds = new Map<string, [number, number | null]>();
  private readonly kinds = new Map<string, VarKind>();
  private nextRow = 0;
  sense: 'Minimize' | 'Maximize' = 'Minimize';

  addVar(name: string, lo: number, hi: number | null, kind: VarKind = 'continuous'): string {
    this.bounds.set(name, [lo, hi]);
    this.kinds.set(name, kind);
    return name;
  }

  addObjective(v: string, c: number): void {
    this.objective.set(v, (this.objective.get(v) ?? 0) + c);
  }

  /** Adds `terms op rhs`; a row with no terms is left out (the caller checks what it means). */
  addRow(terms: readonly Term[], op: '<=' | '>=' | '=', rhs: number): boolean {
    const text = linear(terms);
    if (text === '') return false;
    this.rows.push(` r${this.nextRow++}: ${text} ${op} ${num(rhs)}`);
    return true;
  }

  /** The model as LP text; `relax` drops integrality (the linear relaxation). */
  toString(relax = false): string {
    const out = [
      this.sense,
      ` obj: ${linear([...this.objective].map(([v, c]) => ({ v, c }))) || '0 ' + first(this.kinds)}`,
    ];
    out.push('Subject To', ...this.rows, 'Bounds');
    for (const [v, [lo, hi]] of this.bounds) {
      if (this.kinds.get(v) === 'binary' && !relax) continue;
      out.push(hi === null ? ` ${v} >= ${num(lo)}` : ` ${num(lo)} <= ${v} <= ${num(hi)}`);
    }
    const ints = [...this.kinds].filter(([, k]) => k === 'integer').map(([v]) => v);
    const bins = [...this.kinds].filter(([, k]) => k === 'binary').map(([v]) => v);
    if (relax) ints.length = bins.length = 0;
    if (ints.length) out.push('General', ...chunk(ints));
    if (bins.length) out.push('Binary', ...chunk(bins));
    out.push('End', '');
    return out.join('\n');
  }
}

function first(kinds: Map<string, VarKind>): string {
  return kinds.keys().next().value ?? 'x';
}

function chunk(names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += 20) out.push(` ${names.slice(i, i + 20).join(' ')}`);
  return out;
}

function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`A model coefficient is not a finite number: ${x}`);
  return Number(x.toPrecision(10)).toString();
}

function linear(terms: readonly Term[]): string {
  let s = '';
  for (const { v, c } of terms) {
    if (Math.abs(c) < 1e-9) continue;
    const a = num(Math.abs(c));
    s += `${c < 0 ? ' - ' : s === '' ? '' : ' + '}${a} ${v}`;
  }
  return s.trim();
}
