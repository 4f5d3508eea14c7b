/**
 * An API answer shown as it came: used by the rule preview and the sandbox, whose answers are rendered field by
 * field where known and kept whole below (so nothing the server says is hidden).
 */
export function RawAnswer({ value }: { value: unknown }) {
  return (
    <details className="small">
      <summary>Full answer</summary>
      <pre className="mono" data-testid="triage-raw-answer">
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}

/** A field of an object answer, or undefined. */
export function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

export function text(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
