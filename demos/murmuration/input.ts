/**
 * Mouse and keyboard. Handlers only copy numbers and flags into a {@link FlockInput} the game reads
 * each tick, and fire one of a fixed set of actions on key presses: nothing is allocated per frame.
 */
import type { FlockInput } from './flock.ts';

/** Discrete actions bound to keys. */
export interface FlockActions {
  togglePause(): void;
  toggleOverlay(): void;
  /** Releases a hawk at the pointer. */
  hawk(): void;
  clearHawks(): void;
  /** Grows (+1) or shrinks (-1) the flock by one step. */
  flock(direction: 1 | -1): void;
  reset(): void;
}

export class PlayerInput {
  readonly state: FlockInput = { pointerX: 0, pointerY: 0, inside: false, lure: false, scare: false };
  private buttons = 0;
  private shift = false;

  constructor(target: HTMLElement, actions: FlockActions) {
    const state = this.state;
    const update = () => {
      state.lure = (this.buttons & 1) !== 0 && !this.shift;
      state.scare = (this.buttons & 2) !== 0 || ((this.buttons & 1) !== 0 && this.shift);
    };
    const move = (event: PointerEvent) => {
      state.pointerX = event.clientX;
      state.pointerY = event.clientY;
      state.inside = true;
      this.shift = event.shiftKey;
      this.buttons = event.buttons;
      update();
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerdown', move);
    target.addEventListener('pointerup', move);
    target.addEventListener('pointerleave', () => {
      state.inside = false;
      this.buttons = 0;
      update();
    });
    // The right button scares the flock; it must not open the browser's menu.
    target.addEventListener('contextmenu', (event) => event.preventDefault());
    window.addEventListener('blur', () => {
      this.buttons = 0;
      this.shift = false;
      update();
    });
    window.addEventListener('keyup', (event) => {
      if (event.key === 'Shift') {
        this.shift = false;
        update();
      }
    });
    window.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      switch (event.code) {
        case 'ShiftLeft':
        case 'ShiftRight':
          this.shift = true;
          update();
          return;
        case 'Space':
        case 'KeyP':
          actions.togglePause();
          break;
        case 'KeyO':
          actions.toggleOverlay();
          break;
        case 'KeyH':
          actions.hawk();
          break;
        case 'KeyK':
          actions.clearHawks();
          break;
        case 'Equal':
        case 'NumpadAdd':
        case 'ArrowUp':
          actions.flock(1);
          break;
        case 'Minus':
        case 'NumpadSubtract':
        case 'ArrowDown':
          actions.flock(-1);
          break;
        case 'KeyR':
          actions.reset();
          break;
        default:
          return;
      }
      event.preventDefault();
    });
  }
}
