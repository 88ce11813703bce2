/** The demo's steady scenario, naive storage, for `framepool profile scripts/games/naive.ts`. */
import { steadyGame } from './steadyGame.ts';

export default steadyGame('naive');
