import { useState, type FormEvent } from 'react';
import { describeError } from '../api/ApiError.ts';
import { ErrorNotice } from '../components/Notice.tsx';
import { formatDateTime } from '../format.ts';
import { mailApi } from './mailApi.ts';
import { usePagedList } from './usePagedList.ts';

/** Addresses Parley will not send to (bounces, complaints, added by hand), with adding and removing. */
export function SuppressionsPage() {
  const list = usePagedList((cursor) => mailApi.suppressions({ cursor }), []);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      list.reload();
      return true;
    } catch (failure) {
      setError(describeError(failure));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await act(() => mailApi.suppress(address.trim()))) setAddress('');
  };

  return (
    <section className="page stack" data-testid="mail-suppressions">
      <h1>Suppression list</h1>
      <p className="muted">
        Mail to these addresses is refused before it is sent. Bounces and complaints add addresses here; remove one to send to it
        again.
      </p>
      <section className="card" aria-labelledby="mail-suppress-heading">
        <h2 id="mail-suppress-heading">Add an address</h2>
        <form className="row" onSubmit={add} data-testid="mail-suppress-form">
          <label className="inline">
            Address
            <input name="suppress-address" type="email" required autoComplete="off" value={address} onChange={(e) => setAddress(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            Suppress
          </button>
        </form>
      </section>
      <section className="card" aria-labelledby="mail-suppressions-heading">
        <h2 id="mail-suppressions-heading">Suppressed addresses</h2>
        <ErrorNotice message={error ?? list.error} testId="mail-suppressions-error" />
        {list.loaded && list.items.length === 0 && (
          <p className="muted" data-testid="mail-suppressions-empty">
            No suppressed addresses.
          </p>
        )}
        {list.items.length > 0 && (
          <div className="table-wrap">
            <table data-testid="mail-suppressions-table">
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Since</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((s) => (
                  <tr key={s.address} data-testid="mail-suppression-row" data-address={s.address}>
                    <th scope="row">{s.address}</th>
                    <td>
                      <span className="badge">{s.reason}</span>
                    </td>
                    <td>{formatDateTime(s.created_at)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button-ghost"
                        disabled={busy}
                        aria-label={`Remove ${s.address} from the suppression list`}
                        onClick={() => void act(() => mailApi.unsuppress(s.address))}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.hasMore && (
          <button type="button" className="button-ghost" disabled={list.loading} onClick={list.loadMore}>
            Load more
          </button>
        )}
      </section>
    </section>
  );
}
