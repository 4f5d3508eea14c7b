import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/Notice.tsx';
import { useDesk } from './DeskContext.ts';
import { FieldErrors } from './FieldErrors.tsx';
import { ticketsApi } from './ticketsApi.ts';
import type { Category } from './types.ts';
import { useAction } from './useAction.ts';

/** Edits one category in place (`PATCH …/categories/{id}`): name, emoji, description, required permissions, on/off. */
export function CategoryEditForm({ category, onDone }: { category: Category; onDone(saved: boolean): void }) {
  const { desk } = useDesk();
  const action = useAction();
  const [name, setName] = useState(category.name);
  const [emoji, setEmoji] = useState(category.emoji ?? '');
  const [description, setDescription] = useState(category.description ?? '');
  const [required, setRequired] = useState(category.required_permissions.join(', '));
  const [enabled, setEnabled] = useState(category.enabled);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      emoji: emoji.trim(),
      description: description.trim(),
      required_permissions: required.split(',').map((p) => p.trim()).filter(Boolean),
      enabled,
    };
    if (await action.run(() => ticketsApi.updateCategory(desk.id, category.id, body))) onDone(true);
  };

  return (
    <form className="grid-form" onSubmit={save} aria-label={`Edit the category ${category.name}`}>
      <label>
        Name
        <input value={name} required onChange={(e) => setName(e.target.value)} />
        <FieldErrors reasons={action.fields.name} />
      </label>
      <label>
        Emoji
        <input value={emoji} onChange={(e) => setEmoji(e.target.value)} />
        <FieldErrors reasons={action.fields.emoji} />
      </label>
      <label>
        Description
        <input value={description} onChange={(e) => setDescription(e.target.value)} />
        <FieldErrors reasons={action.fields.description} />
      </label>
      <label>
        Required permissions (comma separated)
        <input value={required} onChange={(e) => setRequired(e.target.value)} />
        <FieldErrors reasons={action.fields.required_permissions} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Enabled (members can pick it)
      </label>
      <div className="form-end row">
        <button type="submit" disabled={action.busy}>
          Save
        </button>
        <button type="button" className="button-ghost" disabled={action.busy} onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
      <ErrorNotice message={action.error} />
    </form>
  );
}
