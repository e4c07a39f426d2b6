// How the Data tab writes a distribution's statistics. Pure, unit-tested.

/** Token counts are whole numbers, so their statistics are shown whole ("1,648", not "1,647.85"). */
export type DistributionKind = "messages" | "tokens";

/**
 * One statistic of a distribution: tokens rounded to whole numbers, messages per example to at most
 * two decimals (3.45 messages is worth reading); both with thousands separators.
 */
export function formatDistStat(value: number, kind: DistributionKind): string {
  const digits = kind === "tokens" ? 0 : 2;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
