import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice, SuccessNotice } from '../components/Notice.tsx';
import { useResource } from '../useResource.ts';
import { useDesk } from './DeskContext.ts';
import { FieldErrors } from './FieldErrors.tsx';
import { ticketsApi } from './ticketsApi.ts';
import type { Desk, DeskPatch } from './types.ts';
import { useAction } from './useAction.ts';

type Form = Required<Pick<DeskPatch, 'prefix' | 'welcome_message' | 'closing_message' | 'status_text' | 'anonymous_name' | 'staff_role' | 'enabled' | 'category_selection'>>;

const formOf = (d: Desk): Form => ({
  prefix: d.prefix,
  welcome_message: d.welcome_message,
  closing_message: d.closing_message,
  status_text: d.status_text ?? '',
  anonymous_name: d.anonymous_name,
  staff_role: d.staff_role,
  enabled: d.enabled,
  category_selection: d.category_selection,
});

/** The desk's live settings (`PATCH /api/modmail/desks/{id}`): only changed fields are sent; a refused one is shown under its field. */
export function DeskSettingsForm() {
  const { desk, can } = useDesk();
  const editable = can('edit_config');
  const settings = useResource(() => ticketsApi.settings(desk.id), [desk.id]);
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();

  useEffect(() => {
    if (settings.data) setForm(formOf(settings.data));
  }, [settings.data]);

  if (settings.error) return <ErrorNotice message={settings.error} />;
  if (!form || !settings.data) return <p className="muted">Loading settings…</p>;
  const original = formOf(settings.data);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setSaved(false);
    setForm((f) => (f ? { ...f, [key]: value } : f));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const patch: DeskPatch = {};
    for (const key of Object.keys(form) as (keyof Form)[]) {
      if (form[key] !== original[key]) (patch as Record<string, unknown>)[key] = form[key];
    }
    if (Object.keys(patch).length === 0) return;
    if (await action.run(() => ticketsApi.updateSettings(desk.id, patch))) {
      setSaved(true);
      settings.reload();
    }
  };

  const text = (key: 'prefix' | 'status_text' | 'anonymous_name', label: string) => (
    <label>
      {label}
      <input value={form[key]} disabled={!editable} onChange={(e) => set(key, e.target.value)} aria-invalid={action.fields[key] ? true : undefined} name={key} />
      <FieldErrors reasons={action.fields[key]} />
    </label>
  );
  const area = (key: 'welcome_message' | 'closing_message', label: string) => (
    <label>
      {label}
      <textarea rows={3} value={form[key]} disabled={!editable} onChange={(e) => set(key, e.target.value)} aria-invalid={action.fields[key] ? true : undefined} name={key} />
      <FieldErrors reasons={action.fields[key]} />
    </label>
  );

  return (
    <section className="card" aria-labelledby="tickets-settings-heading">
      <h2 id="tickets-settings-heading">Desk</h2>
      <form className="stack" onSubmit={save} data-testid="tickets-settings-form">
        <label className="checkbox">
          <input type="checkbox" checked={form.enabled} disabled={!editable} onChange={(e) => set('enabled', e.target.checked)} name="enabled" />
          Enabled (members can open tickets)
        </label>
        {area('welcome_message', 'Welcome message')}
        {area('closing_message', 'Closing message')}
        <div className="grid-form">
          {text('prefix', 'Command prefix')}
          {text('status_text', 'Status text')}
          {text('anonymous_name', 'Anonymous name')}
          <label>
            Staff role
            <select value={form.staff_role} disabled={!editable} onChange={(e) => set('staff_role', e.target.value)} name="staff_role">
              <option value="moderator">Moderator</option>
              <option value="admin">Admin</option>
              <option value="owner">Owner</option>
            </select>
            <FieldErrors reasons={action.fields.staff_role} />
          </label>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={form.category_selection} disabled={!editable} onChange={(e) => set('category_selection', e.target.checked)} />
          Members pick a category when they open a ticket
        </label>
        {editable && (
          <div className="row">
            <button type="submit" disabled={action.busy} data-testid="tickets-settings-save">
              Save
            </button>
            <button type="button" className="button-ghost" disabled={action.busy} onClick={() => setForm(original)}>
              Undo changes
            </button>
          </div>
        )}
        <ErrorNotice message={action.error} testId="tickets-settings-error" />
        <SuccessNotice testId="tickets-settings-saved">{saved ? 'Saved.' : null}</SuccessNotice>
      </form>
    </section>
  );
}
