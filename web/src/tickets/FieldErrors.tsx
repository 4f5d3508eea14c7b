/** The server's reasons a field was refused, under the field. */
export function FieldErrors({ reasons, id }: { reasons: string[] | undefined; id?: string }) {
  if (!reasons || reasons.length === 0) return null;
  return (
    <span className="field-error small" id={id} data-testid="field-error">
      {reasons.join(' ')}
    </span>
  );
}
