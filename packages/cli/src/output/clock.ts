/**
 * The time templates see as `today`. `SOURCE_DATE_EPOCH` (seconds since 1970, the
 * reproducible-builds convention) pins it, so that generated files are byte for byte the same
 * on every machine and in tests.
 */
export function resolveNow(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}
