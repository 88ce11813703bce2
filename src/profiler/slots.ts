/** Each of a list of names mapped to its position in the list. */
export type Slots<K extends string> = { readonly [Name in K]: number };

/**
 * Positions for named numbers kept in a Float64Array (`state[SLOT.peak]`): a typed array, because an
 * object field holding a double boxes it on every write, and names, because numbered slots get mixed up.
 */
export function slotsOf<const K extends string>(names: readonly K[]): Slots<K> {
  return Object.fromEntries(names.map((name, slot) => [name, slot])) as Slots<K>;
}
