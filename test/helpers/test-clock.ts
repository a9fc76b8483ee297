import type { Clock } from '../../src/time/clock.js';

/**
 * A clock whose waits end at once and move its time forward by what they waited, so that
 * tests of retries and cooldowns run fast and see exact times.
 */
export class TestClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time = Date.parse('2026-01-01T00:00:00Z')) {}

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason as Error;
    this.sleeps.push(ms);
    this.time += ms;
  }
}
