import { useEffect, useState } from 'react';
import { FieldErrors } from '../tickets/FieldErrors.tsx';
import type { Field } from './settingsFields.ts';
import { errorsUnder, listAt, nodeAt, valueAt, withList, withNode, withValue } from './settingsPaths.ts';
import type { SettingsObject } from './types.ts';

/** What the server sends in place of a stored secret (Api/TriageSettingsDocument.cs); sent back, it keeps the secret. */
export const secretMask = '********';

export interface FieldProps {
  field: Field;
  /** The field's full path (`accounts.0.review_folder`). */
  path: string;
  form: SettingsObject;
  /** The settings as loaded: whether a secret is stored. */
  loaded: SettingsObject;
  errorsByPath: Record<string, string[]>;
  update(change: (form: SettingsObject) => SettingsObject): void;
}

/** One settings key as a form control, with the server's reasons for refusing it underneath. */
export function SettingsField({ field, path, form, loaded, errorsByPath, update }: FieldProps) {
  const errors = errorsUnder(errorsByPath, path);
  const invalid = errors ? true : undefined;
  const placeholder = field.fallback ?? field.hint;
  const title = field.fallback && field.hint ? field.hint : undefined;

  switch (field.kind) {
    case 'checkbox': {
      const value = valueAt(form, path) || field.fallback || 'false';
      return (
        <label className="checkbox">
          <input type="checkbox" name={path} checked={value.trim().toLowerCase() === 'true'} onChange={(e) => update((f) => withValue(f, path, e.target.checked ? 'true' : 'false'))} />
          {field.label}
          <FieldErrors reasons={errors} />
        </label>
      );
    }
    case 'textarea':
      return (
        <label>
          {field.label}
          <textarea name={path} rows={5} value={valueAt(form, path)} onChange={(e) => update((f) => withValue(f, path, e.target.value))} aria-invalid={invalid} />
          <FieldErrors reasons={errors} />
        </label>
      );
    case 'select':
      return (
        <label>
          {field.label}
          <select name={path} title={field.hint} value={valueAt(form, path).toLowerCase()} onChange={(e) => update((f) => withValue(f, path, e.target.value))} aria-invalid={invalid}>
            <option value="">{field.fallback ? `Default (${field.fallback})` : '—'}</option>
            {field.options?.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
          <FieldErrors reasons={errors} />
        </label>
      );
    case 'choices':
      return <Choices {...{ field, path, form, errors, update }} />;
    case 'list':
      return <ListInput {...{ field, path, form, errors, update }} />;
    case 'secret':
      return <SecretInput {...{ field, path, form, loaded, errors, update }} />;
    default:
      return (
        <label>
          {field.label}
          <input
            name={path}
            type={field.kind === 'number' ? 'number' : 'text'}
            value={valueAt(form, path)}
            placeholder={placeholder}
            title={title}
            onChange={(e) => update((f) => withValue(f, path, e.target.value))}
            aria-invalid={invalid}
          />
          <FieldErrors reasons={errors} />
        </label>
      );
  }
}

type Part = Pick<FieldProps, 'field' | 'path' | 'form' | 'update'> & { errors: string[] | undefined };

/** Several of a known set (events): a checkbox each; none ticked removes the key. */
function Choices({ field, path, form, errors, update }: Part) {
  const chosen = listAt(form, path);
  const toggle = (option: string, on: boolean) =>
    update((f) => withList(f, path, on ? [...listAt(f, path), option] : listAt(f, path).filter((o) => o !== option)));
  // Values the form does not offer (written in YAML) stay and are shown, so saving never drops them.
  const options = [...(field.options ?? []), ...chosen.filter((c) => !field.options?.includes(c))];
  return (
    <fieldset className="triage-choices" data-testid="triage-settings-choices" data-path={path}>
      <legend>{field.label}</legend>
      {options.map((option) => (
        <label key={option} className="checkbox">
          <input type="checkbox" name={`${path}:${option}`} checked={chosen.includes(option)} onChange={(e) => toggle(option, e.target.checked)} />
          {option}
        </label>
      ))}
      <FieldErrors reasons={errors} />
    </fieldset>
  );
}

const splitList = (text: string) => text.split(',').map((v) => v.trim()).filter((v) => v !== '');

/** A list of values typed comma-separated; the text is kept as typed while it means the same list. */
function ListInput({ field, path, form, errors, update }: Part) {
  const values = listAt(form, path);
  const [text, setText] = useState(values.join(', '));
  const joined = values.join('\n');
  useEffect(() => {
    if (splitList(text).join('\n') !== joined) setText(values.join(', '));
    // Only a change from elsewhere (undo, reload) resets the text.
  }, [joined]);
  return (
    <label>
      {field.label}
      <input
        name={path}
        type="text"
        value={text}
        placeholder={field.hint}
        onChange={(e) => {
          setText(e.target.value);
          update((f) => withList(f, path, splitList(e.target.value)));
        }}
        aria-invalid={errors ? true : undefined}
      />
      <FieldErrors reasons={errors} />
    </label>
  );
}

/**
 * A secret: never shown (the server sends it masked, or as its `${ENV}` reference, which is shown). Left empty, the
 * stored secret is kept (the mask goes back); typed, it is replaced; "Remove" takes it out.
 */
function SecretInput({ field, path, form, loaded, errors, update }: Part & { loaded: SettingsObject }) {
  const value = valueAt(form, path);
  const stored = nodeAt(loaded, path) === secretMask;
  const kept = value === secretMask;
  return (
    <label>
      {field.label}
      <input
        name={path}
        type={/^\$\{\w+\}$/.test(value) ? 'text' : 'password'}
        autoComplete="new-password"
        value={kept ? '' : value}
        placeholder={kept ? 'Stored; type to replace' : 'Not set (${ENV_VAR} recommended)'}
        onChange={(e) => update((f) => (e.target.value === '' && stored ? withNode(f, path, secretMask) : withValue(f, path, e.target.value)))}
        aria-invalid={errors ? true : undefined}
        data-stored={kept}
      />
      {kept && (
        <button type="button" className="link-button small" onClick={() => update((f) => withValue(f, path, ''))} data-testid="triage-settings-secret-remove">
          Remove the stored secret
        </button>
      )}
      <FieldErrors reasons={errors} />
    </label>
  );
}
