import { argumentError, requireName } from './checks.ts';
import { ProfilerStateError } from './errors.ts';

/**
 * Checks a system's or tag's name to register: its type and emptiness, that registration is still open
 * (nothing `recording` yet, so every series covers the same ticks), and that it is new.
 */
export function requireNewName(
  kind: string,
  name: string,
  existing: readonly { name: string }[],
  recording: boolean,
): void {
  requireName('name', name);
  if (recording) {
    throw new ProfilerStateError(
      'registration-closed',
      `add ${kind} "${name}": register before the first tick (or after clear()), so every series covers the same ticks`,
    );
  }
  if (existing.some((entry) => entry.name === name)) {
    throw argumentError('name', `a new ${kind} name`, name, false);
  }
}

/** The id of the entry named `name` (a registered system's or tag's); throws naming `name` otherwise. */
export function idOf(kind: string, name: string, entries: readonly { name: string }[]): number {
  if (typeof name !== 'string') throw argumentError('name', `a ${kind} name`, name, true);
  const id = entries.findIndex((entry) => entry.name === name);
  if (id === -1) throw argumentError('name', `the name of a registered ${kind}`, name, false);
  return id;
}
