/**
 * The one rule for showing a byte count, in binary units: the text formatter here and the HUD's
 * garbage-free glyph writer (framepool/pixi) both pick the unit, divisor and decimals from it, so a
 * report and the in-game overlay never disagree about a figure.
 */

/** The units a byte count is shown in, by the index {@link byteUnit} picks. */
export const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB'] as const;

/** The largest index into {@link BYTE_UNITS}. */
const LAST_UNIT = BYTE_UNITS.length - 1;

/**
 * Bytes per unit `unit` of {@link BYTE_UNITS}: 1, 1024, 1024² or 1024³ (a number, so the per-frame
 * glyph path can call it without making an object).
 */
export function byteDivisor(unit: number): number {
  // Literals, not 1024 ** unit: a computed 1024³ is not a small integer and would be returned boxed.
  return unit <= 0 ? 1 : unit === 1 ? 1024 : unit === 2 ? 1048576 : 1073741824;
}

/** Decimals shown in unit `unit` of {@link BYTE_UNITS}: whole bytes, one decimal in every larger unit. */
export function byteDecimals(unit: number): number {
  return unit <= 0 ? 0 : 1;
}

/**
 * Which unit of {@link BYTE_UNITS} shows `bytes`: the smallest in which the figure, rounded to that
 * unit's decimals, stays below 1024. Deciding on the rounded figure keeps "1024 B" and "1024.0 KiB"
 * from ever being shown: 1023.6 B is "1.0 KiB", 1,048,575.95 B is "1.0 MiB". A negative count gets
 * the unit of its magnitude; NaN and ±Infinity get 0 (they have no unit; the formatters show '-').
 *
 * The rounding is the glyph writer's (`Math.round(Math.abs(value) * 10 ** decimals)`), so the figure
 * tested here is exactly the figure shown.
 * @example
 * const unit = byteUnit(131072); // 1
 * `${(131072 / byteDivisor(unit)).toFixed(byteDecimals(unit))} ${BYTE_UNITS[unit]}`; // '128.0 KiB'
 */
export function byteUnit(bytes: number): number {
  if (!(bytes > -Infinity && bytes < Infinity)) return 0;
  let unit = 0;
  while (unit < LAST_UNIT && roundedFigure(bytes, unit) >= 1024 * 10 ** byteDecimals(unit)) unit++;
  return unit;
}

/**
 * Bytes as `B`, `KiB`, `MiB` or `GiB` by {@link byteUnit}, whole bytes and one decimal above:
 * 1023 → '1023 B', 131072 → '128.0 KiB', -2048 → '-2.0 KiB'; NaN and ±Infinity → '-'.
 */
export function formatBytes(bytes: number): string {
  if (!(bytes > -Infinity && bytes < Infinity)) return '-';
  const unit = byteUnit(bytes);
  const decimals = byteDecimals(unit);
  // The glyph writer's rounding, digits from the rounded integer: the same text to the last digit
  // (toFixed rounds ties of the decimal expansion, which can differ from Math.round on the product).
  const figure = roundedFigure(bytes, unit);
  const sign = bytes < 0 && figure > 0 ? '-' : '';
  const scale = 10 ** decimals;
  const digits =
    decimals === 0
      ? String(figure)
      : `${Math.floor(figure / scale)}.${String(figure % scale).padStart(decimals, '0')}`;
  return `${sign}${digits} ${BYTE_UNITS[unit]}`;
}

/** The magnitude of `bytes` in unit `unit`, as a whole number of that unit's last shown decimal. */
function roundedFigure(bytes: number, unit: number): number {
  return Math.round(Math.abs(bytes / byteDivisor(unit)) * 10 ** byteDecimals(unit));
}
