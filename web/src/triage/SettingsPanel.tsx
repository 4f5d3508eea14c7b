import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice, SuccessNotice } from '../components/Notice.tsx';
import { useAction } from '../tickets/useAction.ts';
import { useTriageSettings } from './SettingsContext.ts';
import { AccountSettings } from './AccountSettings.tsx';
import { SettingsField } from './SettingsField.tsx';
import { accountFieldPaths, antivirusFields, globalFields } from './settingsFields.ts';
import { nodeAt, pathOfErrorKey } from './settingsPaths.ts';
import { triageApi } from './triageApi.ts';
import type { SettingsObject } from './types.ts';
import { YamlEditor } from './YamlEditor.tsx';

/**
 * `/triage/settings`: the `triage:` section in force, as a form of its common keys and as raw YAML. Either is checked
 * by the server like the configuration at start-up (every error by key) and, when valid, applied at once without a
 * restart. Secrets come masked; a masked value sent back keeps the stored secret. The form sends the whole section it
 * loaded with its edits, so keys it has no field for (rules, providers, IMAP logins, webhook headers) are kept.
 */
export function SettingsPanel() {
  const settings = useTriageSettings();
  const [form, setForm] = useState<SettingsObject | null>(null);
  const [saved, setSaved] = useState(false);
  // Bumped when the form is loaded or its changes undone: the account sections start again from the settings.
  const [version, setVersion] = useState(0);
  const action = useAction();

  useEffect(() => {
    if (settings.data) {
      setForm(settings.data.settings);
      setVersion((v) => v + 1);
    }
  }, [settings.data]);

  if (settings.error) return <ErrorNotice message={settings.error} testId="triage-settings-load-error" />;
  if (!settings.data || !form) return <p className="muted">Loading settings…</p>;

  const errorsByPath: Record<string, string[]> = {};
  for (const [key, reasons] of Object.entries(action.fields)) {
    const path = pathOfErrorKey(key);
    errorsByPath[path] = [...(errorsByPath[path] ?? []), ...reasons];
  }
  const accounts = nodeAt(form, 'accounts');
  const accountCount = Array.isArray(accounts) ? accounts.length : 0;
  const known = [
    ...globalFields.map((f) => f.path),
    ...antivirusFields.map((f) => f.path),
    ...Array.from({ length: accountCount }, (_, i) => {
      const hooks = nodeAt(form, `accounts.${i}.webhooks`);
      return accountFieldPaths(i, Array.isArray(hooks) ? hooks.length : 0);
    }).flat(),
  ];
  const shownAtField = (path: string) => known.some((k) => path === k || path.startsWith(`${k}.`));
  const otherErrors = Object.entries(errorsByPath).filter(([path]) => !shownAtField(path));

  const update = (change: (form: SettingsObject) => SettingsObject) => {
    setSaved(false);
    setForm((f) => (f ? change(f) : f));
  };
  const shared = { form, loaded: settings.data.settings, errorsByPath, update };
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
            {globalFields.filter((f) => f.kind !== 'textarea' && f.kind !== 'checkbox').map((field) => (
              <SettingsField key={field.path} field={field} path={field.path} {...shared} />
            ))}
          </div>
          {globalFields.filter((f) => f.kind === 'checkbox').map((field) => (
            <SettingsField key={field.path} field={field} path={field.path} {...shared} />
          ))}
          {globalFields.filter((f) => f.kind === 'textarea').map((field) => (
            <SettingsField key={field.path} field={field} path={field.path} {...shared} />
          ))}
          <fieldset className="stack" data-testid="triage-settings-antivirus">
            <legend>Antivirus</legend>
            <p className="muted small">Attachments are scanned before rules and the LLM see the email; a failed scan lets the email through.</p>
            {antivirusFields.filter((f) => f.kind === 'checkbox').map((field) => (
              <SettingsField key={field.path} field={field} path={field.path} {...shared} />
            ))}
            <div className="grid-form">
              {antivirusFields.filter((f) => f.kind !== 'checkbox').map((field) => (
                <SettingsField key={field.path} field={field} path={field.path} {...shared} />
              ))}
            </div>
          </fieldset>
          {accountCount > 0 && (
            <section className="stack" aria-labelledby="triage-settings-accounts-heading" data-testid="triage-settings-accounts">
              <h3 id="triage-settings-accounts-heading">Accounts</h3>
              <p className="muted small">An account's IMAP login, folders to watch and LLM are edited in the YAML below.</p>
              {Array.from({ length: accountCount }, (_, i) => (
                <AccountSettings key={`${version}-${i}`} index={i} {...shared} />
              ))}
            </section>
          )}
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
            <button
              type="button"
              className="button-ghost"
              disabled={action.busy}
              onClick={() => {
                setForm(settings.data?.settings ?? null);
                setVersion((v) => v + 1);
              }}
            >
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
