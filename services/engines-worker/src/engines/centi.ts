// Hours are summed in hundredths (whole numbers) and written back as numeric text, so 0.1 + 0.2
// adds up to exactly 0.30 in every engine.

// Why: the one rounding of an event's hours into hundredths.
export const toCenti = (hours: number): number => Math.round(hours * 100);

// Why: the one way a sum of hundredths goes into a numeric(14,2) column.
export const centiText = (centi: number): string => (centi / 100).toFixed(2);
