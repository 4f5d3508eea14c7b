import { Link } from 'react-router-dom';
import { ErrorNotice } from '../components/Notice.tsx';
import { useResource } from '../useResource.ts';
import { ticketsApi } from './ticketsApi.ts';
import { useDeskNames } from './useDeskNames.ts';

/** `/tickets`: the support desks where the viewer holds a panel permission; pick one. */
export function DeskList() {
  const desks = useResource(() => ticketsApi.desks(), []);
  const nameOf = useDeskNames(desks.data);
  return (
    <section className="page stack" data-testid="tickets-desks">
      <h1>Tickets</h1>
      <ErrorNotice message={desks.error} testId="tickets-desks-error" />
      {desks.loading && !desks.data && <p className="muted">Loading…</p>}
      {desks.data && desks.data.length === 0 && (
        <div className="empty-state" data-testid="tickets-no-desks">
          <p className="empty-title">No support desks for you</p>
          <p className="muted">
            A community admin turns Modmail on for a community; staff see its desk here once they are given a panel permission.
          </p>
        </div>
      )}
      {desks.data && desks.data.length > 0 && (
        <ul className="tickets-desk-list">
          {desks.data.map((desk) => (
            <li key={desk.id}>
              <Link to={`/tickets/${desk.id}`} className="card tickets-desk" data-testid="tickets-desk-link" data-desk-id={desk.id}>
                <span className="tickets-desk-name">{nameOf(desk)} Support</span>
                <span className="row small muted">
                  <span className={desk.enabled ? 'badge badge-on' : 'badge badge-off'}>{desk.enabled ? 'On' : 'Off'}</span>
                  <span>{desk.mode === 'dual' ? 'Separate staff community' : 'Staff in the community'}</span>
                  {desk.status_text && <span>“{desk.status_text}”</span>}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
