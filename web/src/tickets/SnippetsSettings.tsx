import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/Notice.tsx';
import { useResource } from '../useResource.ts';
import { useDesk } from './DeskContext.ts';
import { FieldErrors } from './FieldErrors.tsx';
import { ticketsApi } from './ticketsApi.ts';
import { useAction } from './useAction.ts';

/** Saved replies (`…/snippets`): listed with view_tickets, added and removed with edit_config. */
export function SnippetsSettings() {
  const { desk, can } = useDesk();
  const editable = can('edit_config');
  const list = useResource(() => ticketsApi.snippets(desk.id), [desk.id]);
  const action = useAction();
  const [key, setKey] = useState('');
  const [content, setContent] = useState('');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await action.run(() => ticketsApi.createSnippet(desk.id, { key: key.trim(), content }))) {
      setKey('');
      setContent('');
      list.reload();
    }
  };

  return (
    <section className="card stack" aria-labelledby="tickets-snippets-heading" data-testid="tickets-snippets">
      <h2 id="tickets-snippets-heading">Snippets</h2>
      <ErrorNotice message={list.error ?? action.error} />
      {list.data && list.data.length === 0 && <p className="muted">No snippets.</p>}
      {list.data && list.data.length > 0 && (
        <ul className="tickets-plain-list">
          {list.data.map((s) => (
            <li key={s.key} className="tickets-snippet" data-testid="tickets-snippet-row">
              <div>
                <code>{s.key}</code>
                <p className="tickets-msg-text small">{s.content}</p>
              </div>
              {editable && (
                <button
                  type="button"
                  className="button-ghost"
                  disabled={action.busy}
                  aria-label={`Remove the snippet ${s.key}`}
                  onClick={() => void action.run(() => ticketsApi.deleteSnippet(desk.id, s.key)).then((done) => done && list.reload())}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form className="stack" onSubmit={add} aria-label="Add a snippet">
          <label>
            Key (letters, digits, - and _)
            <input value={key} required onChange={(e) => setKey(e.target.value)} />
            <FieldErrors reasons={action.fields.key} />
          </label>
          <label>
            Text
            <textarea rows={3} value={content} required onChange={(e) => setContent(e.target.value)} />
            <FieldErrors reasons={action.fields.content} />
          </label>
          <div>
            <button type="submit" disabled={action.busy}>
              Add snippet
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
