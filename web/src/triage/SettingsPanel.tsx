import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice, SuccessNotice } from '../components/Notice.tsx';
import { FieldErrors } from '../tickets/FieldErrors.tsx';
import { useAction } from '../tickets/useAction.ts';
import { useTriageSettings } from './SettingsContext.ts';
import { pathOfErrorKey, valueAt, withValue } from './settingsPaths.ts';
import { triageApi } from './triageApi.ts';
import type { SettingsObject } from './types.ts';
import { YamlEditor } from './YamlEditor.tsx';

type Field = { path: string; label: string; kind: 'text' | 'number' | 'checkbox' | 'textarea'; hint?: string };

/** The settings most often changed, by key; everything else (accounts, providers, rules) is edited as YAML below. */
const fields: Field[] = [
  { path: 'concurrency_limit', label: 'Emails processed at once per account', kind: 'number' },
  { path: 'polling_interval', label: 'Polling interval', kind: 'text', hint: 'Where the server has no IDLE, e.g. 30s, 5m' },
  { path: 'confidence.minimum_threshold', label: 'Minimum LLM confidence (0–1)', kind: 'text', hint: 'Below it the email goes to the dead letter untouched' },
  { path: 'add_processing_headers', label: 'Add X-Mailpilot-* headers', kind: 'checkbox' },
  { path: 'state.audit_subjects', label: 'Keep subjects in the audit', kind: 'checkbox' },
  { path: 'state.processed_ttl', label: 'Remember processed emails for', kind: 'text', hint: 'e.g. 24h' },
  { path: 'state.audit_retention', label: 'Keep the audit for', kind: 'text', hint: 'e.g. 30d' },
  { path: 'retry.max_attempts', label: 'Dead-letter attempts', kind: 'number' },
  { path: 'retry.initial_delay', label: 'First retry after', kind: 'text', hint: 'e.g. 5m' },
  { path: 'retry.max_delay', label: 'Longest retry delay', kind: 'text', hint: 'e.g. 24h' },
  { path: 'default_prompt', label: 'Default prompt', kind: 'textarea' },
];

/**
 * `/triage/settings`: the `triage:` section in force, as a form of its common keys and as raw YAML. Either is checked
 * by the server like the configuration at start-up (every error by key) and, when valid, applied at once without a
 * restart. Secrets come masked; a masked value sent back keeps the stored secret.
 */
export function SettingsPanel() {
  const settings = useTriageSettings();
  const [form, setForm] = useState<SettingsObject | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();

  useEffect(() => {
    if (settings.data) setForm(settings.data.settings);
  }, [settings.data]);

  if (settings.error) return <ErrorNotice message={settings.error} testId="triage-settings-load-error" />;
  if (!settings.data || !form) return <p className="muted">Loading settings…</p>;

  const errorsByPath: Record<string, string[]> = {};
  for (const [key, reasons] of Object.entries(action.fields)) {
    const path = pathOfErrorKey(key);
    errorsByPath[path] = [...(errorsByPath[path] ?? []), ...reasons];
  }
  const known = new Set(fields.map((f) => f.path));
  const otherErrors = Object.entries(errorsByPath).filter(([path]) => !known.has(path));

  const set = (path: string, value: string) => {
    setSaved(false);
    setForm((f) => (f ? withValue(f, path, value) : f));
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (await action.run(() => triageApi.saveSettings(form))) {
      setSaved(true);
      settings.reload();
    }
  };

  return (
    <div className="stack" data-testid="triage-settings">
      <p className="muted small" data-testid="triage-settings-source">
        {settings.data.source === 'settings_file' ? 'In force: the settings saved here (over parley.yaml).' : 'In force: parley.yaml (nothing saved here yet).'}
      </p>
      <section className="card" aria-labelledby="triage-settings-heading">
        <h2 id="triage-settings-heading">Settings</h2>
        <form className="stack" onSubmit={save} data-testid="triage-settings-form">
          <div className="grid-form">
            {fields.filter((f) => f.kind !== 'textarea' && f.kind !== 'checkbox').map((field) => (
              <label key={field.path}>
                {field.label}
                <input
                  name={field.path}
                  type={field.kind === 'number' ? 'number' : 'text'}
                  value={valueAt(form, field.path)}
                  placeholder={field.hint}
                  onChange={(e) => set(field.path, e.target.value)}
                  aria-invalid={errorsByPath[field.path] ? true : undefined}
                />
                <FieldErrors reasons={errorsByPath[field.path]} />
              </label>
            ))}
          </div>
          {fields.filter((f) => f.kind === 'checkbox').map((field) => (
            <label key={field.path} className="checkbox">
              <input
                type="checkbox"
                name={field.path}
                checked={valueAt(form, field.path).toLowerCase() === 'true'}
                onChange={(e) => set(field.path, e.target.checked ? 'true' : 'false')}
              />
              {field.label}
              <FieldErrors reasons={errorsByPath[field.path]} />
            </label>
          ))}
          {fields.filter((f) => f.kind === 'textarea').map((field) => (
            <label key={field.path}>
              {field.label}
              <textarea name={field.path} rows={5} value={valueAt(form, field.path)} onChange={(e) => set(field.path, e.target.value)} />
              <FieldErrors reasons={errorsByPath[field.path]} />
            </label>
          ))}
          {otherErrors.length > 0 && (
            <ul className="field-error small" data-testid="triage-settings-other-errors">
              {otherErrors.map(([path, reasons]) => (
                <li key={path}>
                  {path}: {reasons.join(' ')}
                </li>
              ))}
            </ul>
          )}
          <div className="row">
            <button type="submit" disabled={action.busy} data-testid="triage-settings-save">
              Save and apply
            </button>
            <button type="button" className="button-ghost" disabled={action.busy} onClick={() => setForm(settings.data?.settings ?? null)}>
              Undo changes
            </button>
          </div>
          <ErrorNotice message={action.error} testId="triage-settings-error" />
          <SuccessNotice testId="triage-settings-saved">{saved ? 'Saved and in force.' : null}</SuccessNotice>
        </form>
      </section>
      <YamlEditor onSaved={settings.reload} />
    </div>
  );
}
