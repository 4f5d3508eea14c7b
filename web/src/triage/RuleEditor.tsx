import type { RuleDraft, TriageActionView } from './types.ts';

/** Rule fields and operators as the configuration names them (Configuration/RuleOptions.cs). */
const ruleFields = ['from', 'to', 'subject', 'header', 'body', 'size', 'attachment'];
const operators = ['contains', 'equals', 'regex', 'greater', 'less'];
const actionTypes = ['move', 'copy', 'flag', 'unflag', 'label', 'unlabel', 'mark_read', 'mark_unread', 'archive', 'delete', 'spam', 'forward', 'none'];

export const emptyRule = (): RuleDraft => ({ name: '', match: 'all', conditions: [{ field: 'subject', op: 'contains', value: '' }], actions: [{ type: 'move', folder: '' }] });

const list = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** One rule in the configuration's shape: a name, all/any of its conditions, the actions it takes. */
export function RuleEditor({ rule, onChange, errors }: { rule: RuleDraft; onChange(rule: RuleDraft): void; errors: Record<string, string[]> }) {
  const setCondition = (i: number, patch: Partial<RuleDraft['conditions'][number]>) =>
    onChange({ ...rule, conditions: rule.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const setAction = (i: number, patch: Partial<TriageActionView>) => onChange({ ...rule, actions: rule.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const errorList = Object.entries(errors);

  return (
    <fieldset className="stack triage-rule-editor" data-testid="triage-rule-editor">
      <legend>Rule</legend>
      <div className="grid-form">
        <label>
          Name
          <input value={rule.name} onChange={(e) => onChange({ ...rule, name: e.target.value })} name="rule-name" data-testid="triage-rule-name" />
        </label>
        <label>
          Matches when
          <select value={rule.match} onChange={(e) => onChange({ ...rule, match: e.target.value as RuleDraft['match'] })} name="rule-match">
            <option value="all">all conditions hold</option>
            <option value="any">any condition holds</option>
          </select>
        </label>
      </div>
      <h3 className="small">Conditions</h3>
      {rule.conditions.map((condition, i) => (
        <div className="row" key={i} data-testid="triage-rule-condition">
          <select aria-label="Field" value={condition.field} onChange={(e) => setCondition(i, { field: e.target.value })}>
            {ruleFields.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
          {condition.field === 'header' && (
            <input aria-label="Header name" placeholder="Header" value={condition.header ?? ''} onChange={(e) => setCondition(i, { header: e.target.value })} />
          )}
          <select aria-label="Operator" value={condition.op} onChange={(e) => setCondition(i, { op: e.target.value })}>
            {operators.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
          <input aria-label="Value" value={condition.value} onChange={(e) => setCondition(i, { value: e.target.value })} data-testid="triage-rule-condition-value" />
          <button type="button" className="button-ghost" disabled={rule.conditions.length === 1} onClick={() => onChange({ ...rule, conditions: rule.conditions.filter((_, j) => j !== i) })}>
            Remove
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="button-ghost" onClick={() => onChange({ ...rule, conditions: [...rule.conditions, { field: 'from', op: 'contains', value: '' }] })}>
          Add condition
        </button>
      </div>
      <h3 className="small">Actions</h3>
      {rule.actions.map((action, i) => (
        <div className="row" key={i} data-testid="triage-rule-action">
          <select aria-label="Action" value={action.type} onChange={(e) => setAction(i, { type: e.target.value })}>
            {actionTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          {(action.type === 'move' || action.type === 'copy') && (
            <input aria-label="Folder" placeholder="Folder" value={action.folder ?? ''} onChange={(e) => setAction(i, { folder: e.target.value })} data-testid="triage-rule-action-folder" />
          )}
          {(action.type === 'flag' || action.type === 'unflag') && (
            <input aria-label="Flags" placeholder="\Flagged, $Work" value={(action.flags ?? []).join(', ')} onChange={(e) => setAction(i, { flags: list(e.target.value) })} />
          )}
          {(action.type === 'label' || action.type === 'unlabel') && (
            <input aria-label="Labels" placeholder="Work, Later" value={(action.labels ?? []).join(', ')} onChange={(e) => setAction(i, { labels: list(e.target.value) })} />
          )}
          {action.type === 'forward' && (
            <input aria-label="Forward to" placeholder="someone@example.org" value={action.forward_to ?? ''} onChange={(e) => setAction(i, { forward_to: e.target.value })} />
          )}
          <button type="button" className="button-ghost" disabled={rule.actions.length === 1} onClick={() => onChange({ ...rule, actions: rule.actions.filter((_, j) => j !== i) })}>
            Remove
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="button-ghost" onClick={() => onChange({ ...rule, actions: [...rule.actions, { type: 'flag', flags: ['\\Flagged'] }] })}>
          Add action
        </button>
      </div>
      {errorList.length > 0 && (
        <ul className="field-error small" data-testid="triage-rule-errors">
          {errorList.map(([key, reasons]) => (
            <li key={key}>
              <code>{key}</code>: {reasons.join(' ')}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** A rule as the configuration stores it: only the keys an action of its type uses, empty lists left out. */
export function ruleForConfiguration(rule: RuleDraft): RuleDraft {
  return {
    ...rule,
    conditions: rule.conditions.map((c) => (c.field === 'header' ? c : { field: c.field, op: c.op, value: c.value })),
    actions: rule.actions.map((a) => {
      const clean: TriageActionView = { type: a.type };
      if (a.folder) clean.folder = a.folder;
      if (a.flags?.length) clean.flags = a.flags;
      if (a.labels?.length) clean.labels = a.labels;
      if (a.forward_to) clean.forward_to = a.forward_to;
      return clean;
    }),
  };
}
