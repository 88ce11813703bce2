/** The demo's steady scenario, pooled storage, for `framepool profile scripts/games/pooled.ts`. */
import { steadyGame } from './steadyGame.ts';

export default steadyGame('pooled');
