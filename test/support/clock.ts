import type { Clock } from '../../src/kernel/ports.ts';

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: string | Date = '2026-11-23T09:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(iso: string): void {
    this.t = new Date(iso).getTime();
  }
}
