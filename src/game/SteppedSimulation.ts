import type { GameInput } from './InputState.ts';
import { STEP_SECONDS, steerShip } from './rules.ts';
import type { ShipState, SimulationSystem } from './Simulation.ts';

/**
 * What the bitecs and naive simulations share: a step made of the pooled world's six systems, in its
 * order, each a part of the step the storage implements. Written once here, so that the two step
 * alike and a profiler can run either system by system.
 */
export abstract class SteppedSimulation {
  /** The ship the `ship` system steers. */
  abstract readonly ship: ShipState;
  /** The controls it steers by. */
  abstract readonly input: GameInput;
  /** World size in units. */
  abstract readonly width: number;
  abstract readonly height: number;
  /** Steps simulated so far. */
  tick = 0;

  /**
   * The systems of a step, in order (the pooled world's names): `step()` runs them with the fixed step
   * and then `endStep()`; a profiler can run and time them one by one instead.
   */
  readonly systems: readonly SimulationSystem[] = [
    { name: 'ship', run: (dt) => steerShip(this.ship, this.input, this.width, this.height, dt) },
    { name: 'spawn', run: (dt) => this.spawn(dt) },
    { name: 'motion', run: (dt) => this.move(dt) },
    { name: 'lifetime', run: () => this.expireBullets() },
    { name: 'collision', run: () => this.collide() },
    { name: 'particles', run: (dt) => this.updateParticles(dt) },
  ];

  /** Advances one fixed step: every system, then {@link endStep}. */
  step(): void {
    for (const system of this.systems) system.run(STEP_SECONDS);
    this.endStep();
  }

  /** Ends a step run system by system (what `step` does last): counts the tick. */
  endStep(): void {
    this.tick++;
  }

  /** Fires bullets, sends enemies, and throws the engine trail, for a step of `dt` seconds. */
  protected abstract spawn(dt: number): void;
  /** Moves bullets, and enemies towards the ship. */
  protected abstract move(dt: number): void;
  /** Removes the bullets that are old or out of the world. */
  protected abstract expireBullets(): void;
  /** Hits enemies with bullets, kills them, bursts particles. */
  protected abstract collide(): void;
  /** Drags, moves and fades the particles, removing the faded. */
  protected abstract updateParticles(dt: number): void;
}
