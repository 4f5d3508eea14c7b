import { useState, type FormEvent } from 'react';
import { ErrorNotice, SuccessNotice } from '../components/Notice.tsx';
import { useAction } from '../tickets/useAction.ts';
import { useResource } from '../useResource.ts';
import { describeActions } from './format.ts';
import { RawAnswer, field, text } from './ResultView.tsx';
import { emptyRule, RuleEditor, ruleForConfiguration } from './RuleEditor.tsx';
import { useTriageSettings } from './SettingsContext.ts';
import { triageApi } from './triageApi.ts';
import type { RuleDraft, SettingsNode, TriageActionView } from './types.ts';

/** The default and largest number of emails a preview reads (the server caps it too). */
const defaultCount = 20;

/** A rule of the settings (every leaf a string, as written) as the editor's draft. */
function draftOf(node: SettingsNode): RuleDraft {
  const rule = (node ?? {}) as Record<string, SettingsNode>;
  const array = (value: SettingsNode | undefined) => (Array.isArray(value) ? value : []);
  const strings = (value: SettingsNode | undefined) => array(value).map((v) => String(v));
  return {
    name: String(rule.name ?? ''),
    match: String(rule.match ?? 'all').toLowerCase() === 'any' ? 'any' : 'all',
    conditions: array(rule.conditions).map((c) => {
      const condition = (c ?? {}) as Record<string, SettingsNode>;
      return {
        field: String(condition.field ?? 'subject').toLowerCase(),
        op: String(condition.op ?? 'contains').toLowerCase(),
        value: String(condition.value ?? ''),
        ...(condition.header ? { header: String(condition.header) } : {}),
      };
    }),
    actions: array(rule.actions).map((a) => {
      const action = (a ?? {}) as Record<string, SettingsNode>;
      const view: TriageActionView = { type: String(action.type ?? 'none') };
      if (action.folder) view.folder = String(action.folder);
      if (action.flags) view.flags = strings(action.flags);
      if (action.labels) view.labels = strings(action.labels);
      if (action.forward_to) view.forward_to = String(action.forward_to);
      return view;
    }),
  };
}

/**
 * `/triage/rules`: the global rules of the settings, an editor for one, and "test this rule against the last N emails"
 * of an account (read only: the preview never changes the mailbox). Saving writes the rule into the settings, in force
 * at once.
 */
export function RulesPanel() {
  const settings = useTriageSettings();
  const accounts = useResource(() => triageApi.accounts());
  const [rule, setRule] = useState<RuleDraft>(emptyRule);
  const [editing, setEditing] = useState<number | null>(null);
  const [account, setAccount] = useState('');
  const [count, setCount] = useState(defaultCount);
  const [preview, setPreview] = useState<unknown>(undefined);
  const [saved, setSaved] = useState(false);
  const previewing = useAction();
  const saving = useAction();

  const rules = Array.isArray(settings.data?.settings.rules) ? (settings.data.settings.rules as SettingsNode[]) : [];
  const chosenAccount = account || accounts.data?.[0]?.name || '';

  const runPreview = async (event: FormEvent) => {
    event.preventDefault();
    setPreview(undefined);
    await previewing.run(async () => setPreview(await triageApi.previewRule({ account: chosenAccount, count, rule: ruleForConfiguration(rule) })));
  };
  const save = async () => {
    setSaved(false);
    if (!settings.data) return;
    const next = [...rules];
    const stored = ruleForConfiguration(rule) as unknown as SettingsNode;
    if (editing === null) next.push(stored);
    else next[editing] = stored;
    if (await saving.run(() => triageApi.saveSettings({ ...settings.data!.settings, rules: next }))) {
      setSaved(true);
      setEditing(editing ?? next.length - 1);
      settings.reload();
    }
  };
  const remove = async (index: number) => {
    if (!settings.data) return;
    const next = rules.filter((_, i) => i !== index);
    if (await saving.run(() => triageApi.saveSettings({ ...settings.data!.settings, rules: next }))) {
      if (editing === index) setEditing(null);
      settings.reload();
    }
  };

  const matches = field(preview, 'items') ?? field(preview, 'results') ?? field(preview, 'emails');
  return (
    <div className="stack" data-testid="triage-rules">
      <section className="card" aria-labelledby="triage-rules-heading">
        <h2 id="triage-rules-heading">Rules</h2>
        <p className="muted small">Tried in order before the LLM; the first that matches (and stops) decides.</p>
        <ErrorNotice message={settings.error} />
        {rules.length === 0 ? (
          <p className="muted" data-testid="triage-rules-empty">
            No global rules.
          </p>
        ) : (
          <ol className="stack" data-testid="triage-rule-list">
            {rules.map((node, index) => {
              const draft = draftOf(node);
              return (
                <li key={index} className="row" data-testid="triage-rule" data-rule-name={draft.name}>
                  <strong>{draft.name}</strong>
                  <span className="muted small">
                    {draft.match} of {draft.conditions.map((c) => `${c.field} ${c.op} "${c.value}"`).join(', ')} → {describeActions(draft.actions)}
                  </span>
                  <button type="button" className="button-ghost" onClick={() => { setRule(draft); setEditing(index); setSaved(false); }}>
                    Edit
                  </button>
                  <button type="button" className="button-ghost" disabled={saving.busy} onClick={() => void remove(index)}>
                    Delete
                  </button>
                </li>
              );
            })}
          </ol>
        )}
        <button type="button" className="button-ghost" onClick={() => { setRule(emptyRule()); setEditing(null); setSaved(false); }}>
          New rule
        </button>
      </section>
      <section className="card" aria-labelledby="triage-rule-edit-heading">
        <h2 id="triage-rule-edit-heading">{editing === null ? 'New rule' : `Edit ${rule.name || 'rule'}`}</h2>
        <form className="stack" onSubmit={runPreview} data-testid="triage-rule-preview-form">
          <RuleEditor rule={rule} onChange={(next) => { setRule(next); setSaved(false); }} errors={{ ...saving.fields, ...previewing.fields }} />
          <div className="row">
            <label className="inline">
              Account
              <select value={chosenAccount} onChange={(e) => setAccount(e.target.value)} data-testid="triage-rule-preview-account">
                {accounts.data?.map((a) => (
                  <option key={a.name} value={a.name}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              Last
              <input type="number" min={1} max={500} value={count} onChange={(e) => setCount(Number(e.target.value))} data-testid="triage-rule-preview-count" />
              emails
            </label>
            <button type="submit" disabled={previewing.busy || chosenAccount === ''} data-testid="triage-rule-preview">
              {previewing.busy ? 'Testing…' : 'Test this rule'}
            </button>
            <button type="button" className="button-ghost" disabled={saving.busy} onClick={() => void save()} data-testid="triage-rule-save">
              {editing === null ? 'Add to settings' : 'Save to settings'}
            </button>
          </div>
          <ErrorNotice message={previewing.error} testId="triage-rule-preview-error" />
          <ErrorNotice message={saving.error} testId="triage-rule-save-error" />
          <SuccessNotice testId="triage-rule-saved">{saved ? 'Saved and in force.' : null}</SuccessNotice>
        </form>
        {preview !== undefined && (
          <div className="stack" data-testid="triage-rule-preview-result">
            {Array.isArray(matches) ? (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">UID</th>
                      <th scope="col">From</th>
                      <th scope="col">Subject</th>
                      <th scope="col">Date</th>
                      <th scope="col">Matches</th>
                      <th scope="col">Would</th>
                    </tr>
                  </thead>
                  <tbody>
                    {matches.map((email, i) => {
                      const matched = field(email, 'matched') === true;
                      const actions = field(email, 'actions');
                      return (
                        <tr key={i} data-testid="triage-rule-preview-row" data-matched={matched}>
                          <td>{text(field(email, 'uid'))}</td>
                          <td>{text(field(email, 'from'))}</td>
                          <td data-testid="triage-rule-preview-subject">{text(field(email, 'subject'))}</td>
                          <td>{text(field(email, 'date'))}</td>
                          <td>{matched ? <span className="badge badge-on">match</span> : <span className="muted">no</span>}</td>
                          <td>{matched && Array.isArray(actions) ? describeActions(actions as TriageActionView[]) : '—'}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            ) : null}
            <RawAnswer value={preview} />
          </div>
        )}
      </section>
    </div>
  );
}
