/** The demo's steady scenario, bitecs storage, for `framepool profile scripts/games/bitecs.ts`. */
import { steadyGame } from './steadyGame.ts';

export default steadyGame('bitecs');
