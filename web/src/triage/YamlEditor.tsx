import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice, SuccessNotice } from '../components/Notice.tsx';
import { useAction } from '../tickets/useAction.ts';
import { useResource } from '../useResource.ts';
import { useTriageSettings } from './SettingsContext.ts';
import { triageApi } from './triageApi.ts';

/** The whole `triage:` section as YAML, as in parley.yaml; saved as one, after the server's checks, and in force at once. */
export function YamlEditor({ onSaved }: { onSaved(): void }) {
  const settings = useTriageSettings();
  // Fetched again whenever the settings change (the form or the dry-run toggle saved).
  const yaml = useResource(() => triageApi.settingsYaml(), [settings.data]);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const action = useAction();

  useEffect(() => {
    if (yaml.data !== undefined) setText(yaml.data);
  }, [yaml.data]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (await action.run(() => triageApi.saveSettingsYaml(text))) {
      setSaved(true);
      onSaved();
    }
  };
  const problems = Object.entries(action.fields);

  return (
    <section className="card" aria-labelledby="triage-yaml-heading">
      <h2 id="triage-yaml-heading">YAML</h2>
      <ErrorNotice message={yaml.error} testId="triage-yaml-load-error" />
      <form className="stack" onSubmit={save} data-testid="triage-yaml-form">
        <label>
          The triage: section
          <textarea
            className="mono"
            rows={20}
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setSaved(false);
              setText(e.target.value);
            }}
            data-testid="triage-yaml"
          />
        </label>
        {problems.length > 0 && (
          <ul className="field-error small" data-testid="triage-yaml-errors">
            {problems.map(([key, reasons]) => (
              <li key={key}>
                <code>{key}</code>: {reasons.join(' ')}
              </li>
            ))}
          </ul>
        )}
        <div className="row">
          <button type="submit" disabled={action.busy || yaml.data === undefined} data-testid="triage-yaml-save">
            Validate and apply
          </button>
          <button type="button" className="button-ghost" disabled={action.busy} onClick={() => setText(yaml.data ?? '')}>
            Undo changes
          </button>
        </div>
        <ErrorNotice message={action.error} testId="triage-yaml-error" />
        <SuccessNotice testId="triage-yaml-saved">{saved ? 'Saved and in force.' : null}</SuccessNotice>
      </form>
    </section>
  );
}
