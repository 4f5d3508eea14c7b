import { Fragment, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/Notice.tsx';
import { useResource } from '../useResource.ts';
import { CategoryEditForm } from './CategoryEditForm.tsx';
import { useDesk } from './DeskContext.ts';
import { FieldErrors } from './FieldErrors.tsx';
import { ticketsApi } from './ticketsApi.ts';
import { useAction } from './useAction.ts';

/** The desk's ticket categories: list; add, edit (in place) and remove with edit_config. */
export function CategoriesSettings() {
  const { desk, can } = useDesk();
  const editable = can('edit_config');
  const list = useResource(() => ticketsApi.categories(desk.id), [desk.id]);
  const action = useAction();
  const [name, setName] = useState('');
  const [emoji, setEmoji] = useState('');
  const [description, setDescription] = useState('');
  const [required, setRequired] = useState('');
  const [editing, setEditing] = useState<string | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      ...(emoji.trim() ? { emoji: emoji.trim() } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
      required_permissions: required.split(',').map((p) => p.trim()).filter(Boolean),
    };
    if (await action.run(() => ticketsApi.createCategory(desk.id, body))) {
      setName('');
      setEmoji('');
      setDescription('');
      setRequired('');
      list.reload();
    }
  };

  return (
    <section className="card stack" aria-labelledby="tickets-categories-heading" data-testid="tickets-categories">
      <h2 id="tickets-categories-heading">Categories</h2>
      <ErrorNotice message={list.error ?? action.error} />
      {list.data && list.data.length === 0 && <p className="muted">No categories.</p>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Required permissions</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <Fragment key={c.id}>
                  <tr data-testid="tickets-category-row">
                    <th scope="row">
                      {c.emoji ? `${c.emoji} ` : ''}
                      {c.name} {!c.enabled && <span className="badge badge-off">off</span>}
                    </th>
                    <td>{c.description ?? ''}</td>
                    <td>{c.required_permissions.join(', ') || '—'}</td>
                    <td className="actions">
                      {editable && (
                        <button type="button" className="button-ghost" aria-label={`Edit the category ${c.name}`} onClick={() => setEditing(c.id)}>
                          Edit
                        </button>
                      )}
                      {editable && (
                        <button
                          type="button"
                          className="button-ghost"
                          disabled={action.busy}
                          aria-label={`Remove the category ${c.name}`}
                          onClick={() => void action.run(() => ticketsApi.deleteCategory(desk.id, c.id)).then((done) => done && list.reload())}
                        >
                          Remove
                        </button>
                      )}
                    </td>
                  </tr>
                  {editing === c.id && (
                    <tr>
                      <td colSpan={4}>
                        <CategoryEditForm
                          category={c}
                          onDone={(saved) => {
                            setEditing(null);
                            if (saved) list.reload();
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && (
        <form className="grid-form" onSubmit={add} aria-label="Add a category">
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
          <div className="form-end">
            <button type="submit" disabled={action.busy}>
              Add category
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
