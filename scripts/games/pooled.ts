/**
 * The demo's steady scenario, pooled storage, for `framepool profile scripts/games/pooled.ts`; with the
 * pooled game's replay hook, for `framepool replay FILE` (package.json names this module as the game).
 */
import { playReplayFile } from '../../src/game/index.ts';
import { steadyGame } from './steadyGame.ts';

export default { ...steadyGame('pooled'), replay: playReplayFile };
