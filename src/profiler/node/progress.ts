import { describeValue } from '../../memory/index.ts';
import type { ProgressListener } from './profileOptions.ts';

/** Where {@link progressBar} writes: a stream with an optional terminal flag and width. */
export interface ProgressSink {
  /** True on a terminal: the bar is redrawn in place. */
  readonly isTTY?: boolean;
  /** The terminal's width in characters. */
  readonly columns?: number;
  /** Writes text as it is. */
  write(text: string): unknown;
}

/**
 * A progress listener for `sink`: on a terminal, a bar redrawn in place (at most ~100 redraws per
 * phase); otherwise one plain line when each phase starts and ends, so piped output stays clean.
 * @throws TypeError naming `sink` when it has no `write` function.
 */
export function progressBar(sink: ProgressSink): ProgressListener {
  if (typeof sink?.write !== 'function') {
    throw new TypeError(`sink must have a write function, got ${describeValue(sink)}`);
  }
  let lastDrawn = -1;
  return (phase, done, total) => {
    if (!sink.isTTY) {
      if (done === 1 || total === 0) sink.write(`${phase}: ${total} ticks...\n`);
      if (done === total) sink.write(`${phase}: done\n`);
      return;
    }
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
    if (percent === lastDrawn && done !== total) return;
    lastDrawn = done === total ? -1 : percent;
    const label = `${phase.padEnd(7)} `;
    const count = ` ${String(percent).padStart(3)}% ${done}/${total} ticks`;
    const width = Math.max(10, Math.min(40, (sink.columns || 80) - label.length - count.length - 2));
    const filled = Math.round((width * percent) / 100);
    sink.write(`\r${label}[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${count}`);
    if (done === total) sink.write('\n');
  };
}
