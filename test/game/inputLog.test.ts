/** InputLog: every tick's input in a fixed buffer; continues, goes back, forgets the oldest, refuses gaps. */
import { describe, expect, it } from 'vitest';
import { InputState } from '../../src/game/index.ts';
import { INPUT_FLOATS, InputLog, MAX_LOG_TICKS } from '../../src/game/rewind/InputLog.ts';

function input(n: number, firing = n % 2 === 0): InputState {
  const state = new InputState(0, 0);
  for (let i = 0; i < state.data.length; i++) state.data[i] = n * 10 + i;
  state.firing = firing;
  return state;
}

function readBack(log: InputLog, tick: number): [number[], boolean] {
  const out = new InputState(-1, -1);
  log.read(tick, out);
  return [Array.from(out.data), out.firing];
}

describe('InputLog', () => {
  it('reads back what each tick recorded, firing included, starting at any tick', () => {
    const log = new InputLog(10);
    for (let t = 5; t < 9; t++) log.record(t, input(t));
    expect([log.firstTick, log.endTick]).toEqual([5, 9]);
    for (let t = 5; t < 9; t++) expect(readBack(log, t)).toEqual([Array.from(input(t).data), t % 2 === 0]);
    expect(log.byteLength).toBe(10 * INPUT_FLOATS * 8);
  });

  it('keeps the newest `capacity` ticks', () => {
    const log = new InputLog(4);
    for (let t = 0; t < 11; t++) log.record(t, input(t));
    expect([log.firstTick, log.endTick]).toEqual([7, 11]);
    expect(readBack(log, 7)[0][0]).toBe(70);
    expect(() => readBack(log, 6)).toThrow(/tick must be a tick the log holds, 7 to 10, got 6/);
  });

  it('recording an earlier tick again forgets the ticks after it', () => {
    const log = new InputLog(10);
    for (let t = 0; t < 6; t++) log.record(t, input(t));
    log.record(3, input(33, true));
    expect(log.endTick).toBe(4);
    expect(readBack(log, 3)).toEqual([Array.from(input(33).data), true]);
    expect(() => readBack(log, 4)).toThrow(RangeError);
  });

  it.each([[7], [-1], [2.5], [Number.NaN]])(
    'refuses to record tick %s (a gap or not a tick), changing nothing',
    (tick) => {
      const log = new InputLog(10);
      for (let t = 0; t < 3; t++) log.record(t, input(t));
      expect(() => log.record(tick, input(9))).toThrow(/tick must be from 0 to 3/);
      expect([log.firstTick, log.endTick]).toEqual([0, 3]);
      expect(readBack(log, 2)[0][0]).toBe(20);
    },
  );

  it.each([[0], [-1], [1.5], [MAX_LOG_TICKS + 1], ['9']])('refuses capacity %o', (capacity) => {
    expect(() => new InputLog(capacity as number)).toThrow(/capacity must be a whole number/);
  });

  it('clear(tick) forgets every tick held and goes on from tick, which may lie anywhere', () => {
    const log = new InputLog(10);
    for (let t = 0; t < 6; t++) log.record(t, input(t));
    log.clear(40);
    expect([log.firstTick, log.endTick]).toEqual([40, 40]);
    expect(() => readBack(log, 5)).toThrow(RangeError);
    expect(() => log.record(42, input(42))).toThrow(/tick must be from 40 to 40/);
    log.record(40, input(40));
    expect(readBack(log, 40)[0][0]).toBe(400);
  });

  it.each([[-1], [2.5], [Number.NaN], ['3']])('clear refuses tick %o, changing nothing', (tick) => {
    const log = new InputLog(10);
    for (let t = 0; t < 3; t++) log.record(t, input(t));
    expect(() => log.clear(tick as number)).toThrow(/tick must be a whole number/);
    expect([log.firstTick, log.endTick]).toEqual([0, 3]);
  });

  it('refuses a first tick that is not a whole number', () => {
    expect(() => new InputLog(3).record(-2, input(0))).toThrow(/tick must be a whole number/);
  });
});
