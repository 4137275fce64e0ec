/**
 * The campaign's one source of randomness: a seeded generator (mulberry32, the emulator's own) with the few
 * helpers the campaign needs. Every decision a run makes (fault rules, rates, kill schedule) comes from its
 * seed; the timing of processes still varies, so a seed repeats the plan, not every interleaving.
 */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A number in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new RangeError('pick from an empty list');
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** An independent generator for one concern (faults, kills), so adding draws to one leaves the others alone. */
  fork(label: string): Random {
    let h = this.seed >>> 0;
    for (const ch of label) h = Math.imul(h ^ ch.charCodeAt(0), 0x9e3779b1) >>> 0;
    return new Random(h ^ 0x5bd1e995);
  }
}
