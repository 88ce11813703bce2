/**
 * The on-screen controls: mode switch, pause and single step, overlay toggle, fire-rate and
 * enemy-rate sliders, auto-fire, and the list of keys. Plain DOM, updated only when something
 * changes (never per frame), so it adds nothing to a frame's garbage.
 */

import type { SimulationMode, Threads } from '../game/index.ts';

/** What the bar shows; the page owns it and calls {@link ControlBar.show} after changing it. */
export interface ControlState {
  mode: SimulationMode;
  paused: boolean;
  overlay: boolean;
  autoFire: boolean;
  fireRate: number;
  enemyRate: number;
  /** Where the pooled game runs: `'main'` or a number of workers. */
  threads: Threads;
}

/** What the bar asks the page to do. */
export interface ControlActions {
  setMode(mode: SimulationMode): void;
  togglePause(): void;
  step(): void;
  toggleOverlay(): void;
  setAutoFire(on: boolean): void;
  setFireRate(perSecond: number): void;
  setEnemyRate(perSecond: number): void;
  /** The pooled game to the next thread choice: main, 1, 2 … workers, main. */
  cycleThreads(): void;
}

/** Fire-rate slider range, bullets per second (logarithmic). */
export const FIRE_RATE_MIN = 30;
export const FIRE_RATE_MAX = 30_000;
/** Enemy-rate slider range, enemies per second. */
export const ENEMY_RATE_MAX = 40;

/** The list of keys, shown under the bar. */
export const KEY_HELP =
  'WASD / arrows move · mouse aims · hold click or Space to fire · F auto-fire · M storage mode · ' +
  'P pause · N step · + / − fire rate · [ ] enemies · O overlay · T save trace · H threads';

/** Each mode's button: its label and what it stores things in. */
const MODE_LABELS: Readonly<Record<SimulationMode, { label: string; title: string }>> = {
  pooled: { label: 'Pooled', title: 'Memory pools and a frame arena' },
  bitecs: { label: 'bitecs', title: 'Every thing a bitecs entity, stores indexed by entity id' },
  naive: { label: 'Naive', title: 'An object per thing, arrays per tick' },
};

/** The control bar at the bottom of the page. */
export class ControlBar {
  readonly element: HTMLDivElement;
  private readonly modeButtons: Record<SimulationMode, HTMLButtonElement>;
  private readonly pauseButton: HTMLButtonElement;
  private readonly overlayButton: HTMLButtonElement;
  private readonly threadsButton: HTMLButtonElement;
  private readonly autoFire: HTMLInputElement;
  private readonly fireSlider: HTMLInputElement;
  private readonly fireLabel: HTMLOutputElement;
  private readonly enemySlider: HTMLInputElement;
  private readonly enemyLabel: HTMLOutputElement;

  constructor(parent: HTMLElement, actions: ControlActions) {
    const bar = element('div', 'controls');
    const modes = element('div', 'segmented');
    const mode = (value: SimulationMode) =>
      button(modes, MODE_LABELS[value].label, `${MODE_LABELS[value].title} (M)`, () =>
        actions.setMode(value),
      );
    this.modeButtons = { pooled: mode('pooled'), bitecs: mode('bitecs'), naive: mode('naive') };
    bar.append(modes);
    this.pauseButton = button(bar, 'Pause', 'Pause or resume (P)', () => actions.togglePause());
    button(bar, 'Step', 'One simulation tick while paused (N)', () => actions.step());
    this.overlayButton = button(bar, 'Overlay', 'Memory overlay (O)', () => actions.toggleOverlay());
    this.threadsButton = button(
      bar,
      'Main thread',
      'Run the pooled game on the main thread or in workers (H)',
      () => actions.cycleThreads(),
    );

    const fire = slider(bar, 'Fire', 0, 1000);
    this.fireSlider = fire.input;
    this.fireLabel = fire.output;
    this.fireSlider.addEventListener('input', () =>
      actions.setFireRate(fireRateFromSlider(+this.fireSlider.value)),
    );
    const enemies = slider(bar, 'Enemies', 0, ENEMY_RATE_MAX * 2);
    this.enemySlider = enemies.input;
    this.enemyLabel = enemies.output;
    this.enemySlider.addEventListener('input', () => actions.setEnemyRate(+this.enemySlider.value / 2));

    const auto = element('label', 'check');
    this.autoFire = document.createElement('input');
    this.autoFire.type = 'checkbox';
    this.autoFire.addEventListener('change', () => actions.setAutoFire(this.autoFire.checked));
    auto.append(this.autoFire, ' Auto-fire');
    bar.append(auto);

    const keys = element('div', 'keys');
    keys.textContent = KEY_HELP;
    this.element = element('div', 'hud-bottom');
    this.element.append(bar, keys);
    // Keys typed while a control has focus must still steer the ship, not move a slider.
    this.element.addEventListener('keydown', (e) => e.preventDefault());
    parent.append(this.element);
  }

  /** Shows `state`; call after any change. */
  show(state: ControlState): void {
    for (const [mode, node] of Object.entries(this.modeButtons))
      node.classList.toggle('on', state.mode === mode);
    this.pauseButton.textContent = state.paused ? 'Resume' : 'Pause';
    this.pauseButton.classList.toggle('on', state.paused);
    this.overlayButton.classList.toggle('on', state.overlay);
    this.threadsButton.textContent =
      state.threads === 'main' ? 'Main thread' : `${state.threads} worker${state.threads === 1 ? '' : 's'}`;
    this.threadsButton.classList.toggle('on', state.threads !== 'main');
    this.autoFire.checked = state.autoFire;
    this.fireSlider.value = String(sliderFromFireRate(state.fireRate));
    this.fireLabel.value = `${Math.round(state.fireRate).toLocaleString('en-US')}/s`;
    this.enemySlider.value = String(Math.round(state.enemyRate * 2));
    this.enemyLabel.value = `${state.enemyRate}/s`;
  }
}

/** Slider position 0..1000 to bullets per second, logarithmic between the limits. */
export function fireRateFromSlider(position: number): number {
  const t = Math.min(1, Math.max(0, position / 1000));
  return Math.round(FIRE_RATE_MIN * (FIRE_RATE_MAX / FIRE_RATE_MIN) ** t);
}

/** Inverse of {@link fireRateFromSlider}. */
export function sliderFromFireRate(perSecond: number): number {
  const clamped = Math.min(FIRE_RATE_MAX, Math.max(FIRE_RATE_MIN, perSecond));
  return Math.round((1000 * Math.log(clamped / FIRE_RATE_MIN)) / Math.log(FIRE_RATE_MAX / FIRE_RATE_MIN));
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

function button(parent: HTMLElement, label: string, title: string, onClick: () => void): HTMLButtonElement {
  const node = element('button', 'btn');
  node.type = 'button';
  node.textContent = label;
  node.title = title;
  node.addEventListener('click', (e) => {
    onClick();
    (e.currentTarget as HTMLButtonElement).blur();
  });
  parent.append(node);
  return node;
}

function slider(parent: HTMLElement, label: string, min: number, max: number) {
  const wrap = element('label', 'slider');
  const input = document.createElement('input');
  input.type = 'range';
  input.min = String(min);
  input.max = String(max);
  const output = document.createElement('output');
  wrap.append(`${label} `, input, output);
  parent.append(wrap);
  return { input, output };
}
