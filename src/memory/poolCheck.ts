/**
 * What a pool's bookkeeping must satisfy, checked on a snapshot before a restore writes anything: a
 * snapshot that breaks it is corrupt (or not a pool's), and restoring it would leave handles that
 * name the wrong records.
 */
import type { Bookkeeping } from './PoolStorage.ts';

/**
 * Checks the first `copied` slots of a snapshot's bookkeeping: slots and ids name each other (so the
 * ids are those of the slots, each once); below `end` the free records are exactly the `holes` ids
 * on the stack, past it none is live, and past `touched` every id waits in the slot of its number;
 * generations fit `generationMask`.
 * @throws TypeError naming `from` (the snapshot's buffer) and what is wrong.
 */
export function checkBookkeeping(
  book: Bookkeeping,
  touched: number,
  end: number,
  holes: number,
  generationMask: number,
): void {
  const { generation, slotById, idBySlot } = book;
  const copied = idBySlot.length;
  let free = 0;
  for (let s = 0; s < copied; s++) {
    const id = idBySlot[s];
    if (!(id >= 0 && id < copied && slotById[id] === s))
      corrupt(`slot ${s} and id ${id} do not name each other`);
    if (generation[id] > generationMask) corrupt(`id ${id} has generation ${generation[id]}`);
    const live = (generation[id] & 1) === 1;
    if (s < end) {
      if (!live) free++;
    } else if (live || (s >= touched && id !== s)) {
      corrupt(`slot ${s}, past the end, is not free as new`);
    }
  }
  if (free !== holes) corrupt(`${free} free slots below the end, ${holes} holes`);
  const seen = new Uint8Array(copied);
  for (let h = 0; h < holes; h++) {
    const id = book.holes[h];
    if (!(id >= 0 && id < copied && seen[id] === 0 && slotById[id] < end && (generation[id] & 1) === 0)) {
      corrupt(`hole ${h} (id ${id}) is not a free slot below the end`);
    }
    seen[id] = 1;
  }
}

function corrupt(what: string): never {
  throw new TypeError(`from holds a corrupt pool snapshot: ${what}`);
}
