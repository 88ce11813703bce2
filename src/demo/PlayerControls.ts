import type { GameInput } from '../game/index.ts';
import type { GameScene } from './GameScene.ts';

/** Keys that trigger an action once per press (not held): the page maps them to what they do. */
export type ActionKey =
  | 'mode'
  | 'pause'
  | 'step'
  | 'overlay'
  | 'autoFire'
  | 'faster'
  | 'slower'
  | 'moreEnemies'
  | 'fewerEnemies'
  | 'trace'
  | 'threads';

const ACTION_KEYS: Readonly<Record<string, ActionKey>> = {
  m: 'mode',
  p: 'pause',
  n: 'step',
  o: 'overlay',
  f: 'autoFire',
  '+': 'faster',
  '=': 'faster',
  '-': 'slower',
  _: 'slower',
  ']': 'moreEnemies',
  '[': 'fewerEnemies',
  t: 'trace',
  h: 'threads',
};

/**
 * Keyboard and mouse to game input: held keys steer, the pointer aims, a held button, Space or the
 * auto-fire latch fires. Events only set flags; {@link apply} writes them into the simulation's
 * input once per frame, mutating it in place.
 */
export class PlayerControls {
  /** Fire without holding anything (the F key, the checkbox, or `window.demo.setFiring`). */
  autoFire = false;
  private left = false;
  private right = false;
  private up = false;
  private down = false;
  private space = false;
  private mouse = false;
  private pointerSeen = false;
  private pointerX = 0;
  private pointerY = 0;

  constructor(target: Window, onAction: (action: ActionKey) => void) {
    target.addEventListener('keydown', (e) => {
      if (this.hold(e.key, true)) {
        e.preventDefault();
        return;
      }
      const action = ACTION_KEYS[e.key.toLowerCase()];
      if (action !== undefined && !e.repeat && !e.ctrlKey && !e.metaKey) onAction(action);
    });
    target.addEventListener('keyup', (e) => this.hold(e.key, false));
    target.addEventListener('blur', () => {
      this.left = this.right = this.up = this.down = this.space = this.mouse = false;
    });
    target.addEventListener('pointermove', (e) => {
      this.pointerSeen = true;
      this.pointerX = e.clientX;
      this.pointerY = e.clientY;
    });
    target.addEventListener('pointerdown', (e) => {
      // Clicks on the control bar are for the controls, not the guns.
      if (e.button === 0 && e.target instanceof HTMLCanvasElement) this.mouse = true;
    });
    target.addEventListener('pointerup', () => {
      this.mouse = false;
    });
  }

  /** Writes this frame's controls into `input` (world units through `scene`). */
  apply(input: GameInput, scene: GameScene): void {
    input.moveX = (this.right ? 1 : 0) - (this.left ? 1 : 0);
    input.moveY = (this.down ? 1 : 0) - (this.up ? 1 : 0);
    if (this.pointerSeen) {
      input.aimX = scene.toWorldX(this.pointerX);
      input.aimY = scene.toWorldY(this.pointerY);
    }
    input.firing = this.autoFire || this.mouse || this.space;
  }

  /** Tracks a held key; returns whether `key` is one. */
  private hold(key: string, down: boolean): boolean {
    switch (key) {
      case 'a':
      case 'A':
      case 'ArrowLeft':
        this.left = down;
        return true;
      case 'd':
      case 'D':
      case 'ArrowRight':
        this.right = down;
        return true;
      case 'w':
      case 'W':
      case 'ArrowUp':
        this.up = down;
        return true;
      case 's':
      case 'S':
      case 'ArrowDown':
        this.down = down;
        return true;
      case ' ':
        this.space = down;
        return true;
      default:
        return false;
    }
  }
}
