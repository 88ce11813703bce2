import { Container, Sprite } from 'pixi.js';
import { type Simulation, SPRITE_KINDS, type SpriteKind } from '../game/index.ts';
import { ParticleLayer } from '../render/index.ts';
import type { GameTextures } from './textures.ts';

/** Layer capacities: set them to the pools' budgets (a layer costs per particle it owns, live or not). */
export type SceneCapacities = Readonly<Record<SpriteKind, number>>;

/**
 * The game's Pixi scene: one ParticleLayer per sprite kind (particles behind enemies behind
 * bullets), the ship on top, all inside a `world` container scaled to fit the screen with the
 * world's aspect ratio kept. {@link sync} is the render sync system: it copies the simulation's live
 * records into the layers and creates nothing.
 */
export class GameScene {
  /** Holds everything in world units; scaled and centred by {@link fit}. */
  readonly world = new Container({ label: 'world' });
  readonly layers: Readonly<Record<SpriteKind, ParticleLayer>>;
  readonly ship: Sprite;
  /** Screen pixels per world unit: screen = world × scale + offset. */
  scale = 1;
  offsetX = 0;
  offsetY = 0;

  constructor(textures: GameTextures, capacities: SceneCapacities) {
    this.layers = {
      particles: new ParticleLayer({
        texture: textures.spark,
        capacity: capacities.particles,
        blendMode: 'add',
        label: 'particles',
      }),
      enemies: new ParticleLayer({ texture: textures.enemy, capacity: capacities.enemies, label: 'enemies' }),
      bullets: new ParticleLayer({
        texture: textures.bullet,
        capacity: capacities.bullets,
        blendMode: 'add',
        label: 'bullets',
      }),
    };
    for (const kind of SPRITE_KINDS) this.world.addChild(this.layers[kind].container);
    this.ship = new Sprite({ texture: textures.ship, anchor: 0.5 });
    this.world.addChild(this.ship);
  }

  /** Scales and centres a `worldWidth × worldHeight` world in a `screenWidth × screenHeight` screen. */
  fit(screenWidth: number, screenHeight: number, worldWidth: number, worldHeight: number): void {
    this.scale = Math.min(screenWidth / worldWidth, screenHeight / worldHeight);
    this.offsetX = (screenWidth - worldWidth * this.scale) / 2;
    this.offsetY = (screenHeight - worldHeight * this.scale) / 2;
    this.world.scale.set(this.scale);
    this.world.position.set(this.offsetX, this.offsetY);
  }

  /** Screen x to world x (for the mouse). */
  toWorldX(screenX: number): number {
    return (screenX - this.offsetX) / this.scale;
  }

  /** Screen y to world y. */
  toWorldY(screenY: number): number {
    return (screenY - this.offsetY) / this.scale;
  }

  /** Draws the simulation's current state; returns the number of sprites shown. */
  sync(sim: Simulation): number {
    let shown = 0;
    for (let i = 0; i < SPRITE_KINDS.length; i++) {
      const layer = this.layers[SPRITE_KINDS[i]];
      const n = sim.draw(SPRITE_KINDS[i], layer);
      layer.finish(n);
      shown += n;
    }
    const { x, y, angle } = sim.ship;
    this.ship.position.set(x, y);
    this.ship.rotation = angle;
    return shown;
  }

  destroy(): void {
    for (const kind of SPRITE_KINDS) this.layers[kind].destroy();
    this.world.destroy({ children: true });
  }
}
