import { ApiError, describeError } from '../api/ApiError.ts';

/** A span of seconds as people say it: "45s", "12m", "3h 20m", "2d 4h"; a dash for none. */
export function humanDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`;
}

/** Unix seconds in the reader's locale; a dash for none. */
export function formatUnix(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A failure as the message to show and the server's per-field validation errors (`errors`). */
export function describeFailure(failure: unknown): { message: string; fields: Record<string, string[]> } {
  const fields: Record<string, string[]> = {};
  if (failure instanceof ApiError && failure.problem.errors && typeof failure.problem.errors === 'object') {
    for (const [field, reasons] of Object.entries(failure.problem.errors as Record<string, unknown>)) {
      fields[field] = Array.isArray(reasons) ? reasons.map(String) : [String(reasons)];
    }
  }
  return { message: describeError(failure), fields };
}
