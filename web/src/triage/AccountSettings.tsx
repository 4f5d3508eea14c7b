import { useState, type ReactNode } from 'react';
import { errorsUnder, nodeAt, valueAt, withNode } from './settingsPaths.ts';
import { accountGroups, attachmentFields, inboxFields, smtpFields, webhookFields, type Field } from './settingsFields.ts';
import { SettingsField, type FieldProps } from './SettingsField.tsx';
import type { SettingsNode, SettingsObject } from './types.ts';

type Shared = Omit<FieldProps, 'field' | 'path'>;

/**
 * One account's keys beyond its IMAP login (Configuration/AccountOptions.cs): classification, forwarding, notifications,
 * webhooks, its own attachment settings, and (collapsed) connection timing and special folders. Everything else of the
 * account (imap, rules' targets, headers) stays as written and is edited as YAML.
 */
export function AccountSettings({ index, ...shared }: Shared & { index: number }) {
  const base = `accounts.${index}`;
  const name = valueAt(shared.form, `${base}.name`) || `Account ${index + 1}`;
  const fields = (list: Field[], prefix = base) =>
    list.map((field) => <SettingsField key={field.path} field={field} path={`${prefix}.${field.path}`} {...shared} />);
  const grid = (list: Field[]) => {
    const plain = list.filter((f) => f.kind !== 'checkbox' && f.kind !== 'choices');
    const rest = list.filter((f) => f.kind === 'checkbox' || f.kind === 'choices');
    return (
      <>
        {plain.length > 0 && <div className="grid-form">{fields(plain)}</div>}
        {fields(rest)}
      </>
    );
  };

  return (
    <fieldset className="stack triage-account-settings" data-testid="triage-account-settings" data-account={name}>
      <legend>{name}</legend>
      {accountGroups.map((group) => {
        const body = (
          <div className="stack">
            {grid(group.fields)}
          </div>
        );
        if (!group.advanced) {
          return (
            <section key={group.title} className="stack" aria-label={`${name}: ${group.title}`}>
              <h4>{group.title}</h4>
              {body}
            </section>
          );
        }
        const hasErrors = group.fields.some((f) => errorsUnder(shared.errorsByPath, `${base}.${f.path}`));
        return (
          <details key={group.title} className="triage-advanced" open={hasErrors ? true : undefined} data-testid="triage-account-advanced">
            <summary>Advanced: {group.title.toLowerCase()}</summary>
            {body}
          </details>
        );
      })}
      <ForwardSettings base={base} name={name} grid={grid} {...shared} />
      <AttachmentSettings base={base} name={name} grid={grid} {...shared} />
      <WebhookSettings base={base} name={name} {...shared} />
    </fieldset>
  );
}

type Section = Shared & { base: string; name: string };

/** `forward`: nothing, from a Parley inbox (`from_inbox`) or through an SMTP relay (`smtp`); one of them, never both. */
function ForwardSettings({ base, name, grid, ...shared }: Section & { grid(list: Field[]): ReactNode }) {
  const { form, update } = shared;
  // Chosen here, not derived on every keystroke: clearing the address to retype it keeps the inbox way open. The
  // panel mounts the account again when the settings are loaded or the changes undone.
  const [mode, setMode] = useState<'none' | 'inbox' | 'smtp'>(() =>
    valueAt(form, `${base}.forward.from_inbox`) !== '' ? 'inbox' : nodeAt(form, `${base}.forward.smtp`) !== undefined ? 'smtp' : 'none');
  const choose = (next: 'none' | 'inbox' | 'smtp') => {
    setMode(next);
    // The other way's keys go, so the server never sees both.
    update((f) => {
      let changed = f;
      if (next !== 'inbox') changed = withNode(changed, `${base}.forward.from_inbox`, undefined);
      if (next !== 'smtp') changed = withNode(withNode(changed, `${base}.forward.smtp`, undefined), `${base}.forward.from`, undefined);
      if (next === 'none' && isEmpty(nodeAt(changed, `${base}.forward`))) changed = withNode(changed, `${base}.forward`, undefined);
      return changed;
    });
  };
  return (
    <section className="stack" aria-label={`${name}: Forwarding`}>
      <h4>Forwarding</h4>
      <div className="row" role="radiogroup" aria-label="Forward actions send">
        {(
          [
            ['none', 'Not configured'],
            ['inbox', 'From a Parley inbox'],
            ['smtp', 'Through an SMTP relay'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="checkbox">
            <input type="radio" name={`${base}.forward:mode`} value={value} checked={mode === value} onChange={() => choose(value)} />
            {label}
          </label>
        ))}
      </div>
      {mode === 'inbox' && grid(inboxFields)}
      {mode === 'smtp' && grid(smtpFields)}
    </section>
  );
}

/** `attachments`: the global settings apply until the account has its own. */
function AttachmentSettings({ base, name, grid, ...shared }: Section & { grid(list: Field[]): ReactNode }) {
  const { form, update } = shared;
  const own = nodeAt(form, `${base}.attachments`) !== undefined;
  return (
    <section className="stack" aria-label={`${name}: Attachments`}>
      <h4>Attachments</h4>
      <label className="checkbox">
        <input
          type="checkbox"
          name={`${base}.attachments:own`}
          checked={own}
          onChange={(e) => update((f) => withNode(f, `${base}.attachments`, e.target.checked ? { enabled: valueAt(f, 'attachments.enabled') || 'false' } : undefined))}
        />
        Its own attachment settings (else the global ones)
      </label>
      {own && grid(attachmentFields)}
    </section>
  );
}

/** `webhooks`: url, events and signing secret per hook; a hook's `headers` are kept as written. */
function WebhookSettings({ base, name, ...shared }: Section) {
  const { form, update } = shared;
  const hooks = nodeAt(form, `${base}.webhooks`);
  const count = Array.isArray(hooks) ? hooks.length : 0;
  const add = () => update((f) => withNode(f, `${base}.webhooks.${count}`, { url: '' }));
  const remove = (i: number) =>
    update((f) => {
      const changed = withNode(f, `${base}.webhooks.${i}`, undefined);
      return isEmpty(nodeAt(changed, `${base}.webhooks`)) ? withNode(changed, `${base}.webhooks`, undefined) : changed;
    });
  return (
    <section className="stack" aria-label={`${name}: Webhooks`}>
      <h4>Webhooks</h4>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="stack triage-webhook-settings" data-testid="triage-webhook-settings">
          <div className="grid-form">
            {webhookFields
              .filter((f) => f.kind !== 'choices')
              .map((field) => (
                <SettingsField key={field.path} field={field} path={`${base}.webhooks.${i}.${field.path}`} {...shared} />
              ))}
          </div>
          {webhookFields
            .filter((f) => f.kind === 'choices')
            .map((field) => (
              <SettingsField key={field.path} field={field} path={`${base}.webhooks.${i}.${field.path}`} {...shared} />
            ))}
          <div className="row">
            <button type="button" className="button-ghost" onClick={() => remove(i)} data-testid="triage-webhook-remove">
              Remove this webhook
            </button>
          </div>
        </div>
      ))}
      <div className="row">
        <button type="button" className="button-ghost" onClick={add} data-testid="triage-webhook-add">
          Add a webhook
        </button>
      </div>
    </section>
  );
}

function isEmpty(node: SettingsNode | undefined): boolean {
  if (node === undefined || node === null) return true;
  if (Array.isArray(node)) return node.length === 0;
  return typeof node === 'object' && Object.keys(node as SettingsObject).length === 0;
}
