/**
 * Rewind on the page: hold R (or the control bar's Rewind button) and the pooled game plays backwards
 * through its last 10 seconds, a tick back for every tick the clock would have run forwards; let go
 * and it plays on from there. L downloads the replay of the game so far (`demo.saveReplay()` returns
 * the same bytes). Only the pooled world has a rewind, recorded while it runs on this thread; in the
 * other modes and while it runs in workers the keys do nothing, and a world back from workers starts
 * a new history (and a replay from tick 0 is no longer held).
 */
import { type PooledSimulation, Rewind, saveReplay } from '../game/index.ts';
import { describeValue } from '../memory/index.ts';
import type { OverlayRow } from '../render/index.ts';

/**
 * The rewind's memory budget: packed snapshots of the demo's world (about 0.2 MiB at a few thousand
 * things, 3 MiB at 50,000) hold the whole 10 s in it up to about 50,000 things (`npm run bench -- rewind`: 179 MiB); past that the
 * overlay's history row shows the seconds that fit.
 */
const REWIND_BYTES = 192 * 2 ** 20;

/** The keys: held for rewind, pressed for the replay download. */
const REWIND_KEY = 'r';
const REPLAY_KEY = 'l';

/** The page's rewind: the pooled world's `Rewind`, the R key and the button, and the replay download. */
export class PageRewind {
  readonly rewind: Rewind;
  private readonly sim: PooledSimulation;
  private keyHeld = false;
  private buttonHeld = false;
  private readonly isActive: () => boolean;
  /** Steps the pooled world through its profiler, made once. */
  private readonly stepPooled: () => void;

  /** Starts recording `sim` from the tick it is at (0 on a fresh page, so a replay covers the game). */
  constructor(sim: PooledSimulation, target: Window, isActive: () => boolean) {
    this.sim = sim;
    this.isActive = isActive;
    this.rewind = new Rewind(sim.world, { bytes: REWIND_BYTES });
    this.stepPooled = () => sim.step();
    target.addEventListener('keydown', (e) => {
      const key = e.key.toLowerCase();
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (key === REWIND_KEY) this.keyHeld = true;
      else if (key === REPLAY_KEY && !e.repeat && isActive()) this.download();
    });
    target.addEventListener('keyup', (e) => {
      if (e.key.toLowerCase() === REWIND_KEY) this.keyHeld = false;
    });
    target.addEventListener('blur', () => {
      this.keyHeld = this.buttonHeld = false;
    });
  }

  /** Whether time runs backwards now: R or the button held while the pooled game runs. */
  get rewinding(): boolean {
    return (this.keyHeld || this.buttonHeld) && this.isActive();
  }

  /**
   * One recorded tick of the pooled world. A world that played on unrecorded since the last one (in
   * workers) starts a new history here: the rewind reaches back to where it came home.
   */
  step(): void {
    // Past the log's end: the ticks between ran unrecorded. (Before it is a rewound world, which the log continues.)
    if (this.sim.tick > this.rewind.inputs.endTick) this.rewind.restart();
    this.rewind.step(this.stepPooled);
  }

  /** Goes `ticks` back, one at a time (a frame's worth while R is held); returns the ticks gone back. */
  stepBack(ticks: number): number {
    let gone = 0;
    while (gone < ticks && this.rewind.stepBack()) gone++;
    return gone;
  }

  /**
   * `demo.rewind(ticks)`: takes the pooled world `ticks` back at once (at most the history held); 0
   * while the game runs elsewhere (another storage, or workers).
   * @throws RangeError naming `ticks` unless it is a whole number.
   */
  rewindBy(ticks: number): number {
    if (!(typeof ticks === 'number' && Number.isInteger(ticks) && ticks >= 0)) {
      throw new RangeError(`ticks must be a whole number, got ${describeValue(ticks)}`);
    }
    return this.isActive() ? this.rewind.rewind(ticks) : 0;
  }

  /** `demo.saveReplay()`: the replay file of the game from tick 0 to now. */
  saveReplay(): Uint8Array {
    return saveReplay(this.rewind);
  }

  /**
   * Downloads {@link saveReplay}'s bytes as `framepool-replay-tick<N>.fprp`; after more ticks than the
   * input log records (10 minutes) there is no replay from tick 0, which the console says.
   */
  download(): void {
    let bytes: Uint8Array;
    try {
      bytes = this.saveReplay();
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      console.warn(`no replay to save: ${error.message}`);
      return;
    }
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `framepool-replay-tick${this.sim.tick}.fprp`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  /** Adds the hold-to-rewind button to the control bar's row of buttons, and the keys to its help line. */
  addButton(bar: HTMLElement, help: HTMLElement): void {
    help.textContent += ' · hold R rewind · L save replay';
    const node = document.createElement('button');
    node.type = 'button';
    node.className = 'btn';
    node.textContent = '◀◀ Rewind';
    node.title = 'Hold to play the last 10 seconds backwards (R); L saves the replay';
    const release = () => {
      this.buttonHeld = false;
      node.classList.remove('on');
    };
    node.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      this.buttonHeld = true;
      node.classList.add('on');
      node.setPointerCapture(e.pointerId);
    });
    node.addEventListener('pointerup', release);
    node.addEventListener('pointercancel', release);
    bar.append(node);
  }

  /**
   * The overlay's rows: the rewind's memory (reserved, and what its snapshots and input log take) and
   * the seconds of history it holds.
   */
  overlayRows(): OverlayRow[] {
    return [
      { label: 'rewind', value: () => this.rewind.byteLength / 2 ** 20, decimals: 1, unit: 'MiB' },
      { label: 'rewind used', value: () => this.rewind.usedBytes / 2 ** 20, decimals: 1, unit: 'MiB' },
      { label: 'history', value: () => this.rewind.seconds, decimals: 1, unit: 's' },
    ];
  }

  /** What `demo.snapshot().rewind` shows. */
  figures() {
    const r = this.rewind;
    return {
      rewinding: this.rewinding,
      heldTicks: r.heldTicks,
      seconds: r.seconds,
      bytes: r.byteLength,
      usedBytes: r.usedBytes,
      keyframeEvery: r.keyframeEvery,
      recordedTicks: r.inputs.endTick - r.inputs.firstTick,
    };
  }
}
