/** The loop module's argument checks. */
import { describeValue } from '../memory/index.ts';

/** Throws a TypeError naming `name` unless `value` is a finite number. */
export function requireFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${name} must be a finite number, got ${describeValue(value)}`);
  }
}
