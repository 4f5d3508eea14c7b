import { useSearchParams } from 'react-router-dom';
import { ErrorNotice } from '../components/Notice.tsx';
import { useResource } from '../useResource.ts';
import { DailyChart } from './DailyChart.tsx';
import { useDesk } from './DeskContext.ts';
import { humanDuration } from './format.ts';
import { ticketsApi } from './ticketsApi.ts';

const periods = [7, 30, 90] as const;

type Period = (typeof periods)[number];
const defaultPeriod: Period = 30;

/** `/tickets/:deskId/dashboard?days=7`: the desk's figures over 7, 30 or 90 days (`…/statistics`); the period is in the address. */
export function Dashboard() {
  const { desk, can } = useDesk();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('days'));
  const days: Period = periods.find((p) => p === asked) ?? defaultPeriod;
  const setDays = (period: Period) => setParams(period === defaultPeriod ? {} : { days: String(period) }, { replace: true });
  const stats = useResource(() => ticketsApi.statistics(desk.id, days), [desk.id, days]);
  if (!can('view_tickets')) return <p className="muted">The dashboard needs the panel permission view_tickets.</p>;
  const s = stats.data;
  return (
    <div className="stack" data-testid="tickets-dashboard">
      <div className="row">
        <label className="inline">
          Period
          <select value={days} onChange={(e) => setDays(Number(e.target.value) as Period)} data-testid="tickets-period">
            {periods.map((p) => (
              <option key={p} value={p}>
                Last {p} days
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button-ghost" onClick={stats.reload} disabled={stats.loading}>
          Refresh
        </button>
      </div>
      <ErrorNotice message={stats.error} testId="tickets-stats-error" />
      {s && (
        <>
          <dl className="tickets-stats" data-testid="tickets-stats">
            <Figure label="Open" value={s.open_tickets} testId="stat-open" />
            <Figure label="Closed today" value={s.closed_today} testId="stat-closed-today" />
            <Figure label="Closed this week" value={s.closed_this_week} testId="stat-closed-week" />
            <Figure label="Closed in total" value={s.closed_total} testId="stat-closed-total" />
            <Figure label="Average first response" value={humanDuration(s.average_first_response_seconds)} testId="stat-first-response" />
            <Figure label="Average resolution" value={humanDuration(s.average_resolution_seconds)} testId="stat-resolution" />
          </dl>
          <section className="card" aria-labelledby="tickets-daily-heading">
            <h2 id="tickets-daily-heading">Per day</h2>
            <DailyChart daily={s.daily} />
          </section>
          <div className="tickets-two">
            <section className="card" aria-labelledby="tickets-bycat-heading">
              <h2 id="tickets-bycat-heading">By category</h2>
              {s.by_category.length === 0 ? (
                <p className="muted">No tickets in this period.</p>
              ) : (
                <table data-testid="tickets-by-category">
                  <tbody>
                    {s.by_category.map((c) => (
                      <tr key={c.category_id ?? 'none'}>
                        <th scope="row">{c.category_name ?? 'No category'}</th>
                        <td>{c.tickets}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section className="card" aria-labelledby="tickets-leaders-heading">
              <h2 id="tickets-leaders-heading">Leaderboard</h2>
              {s.leaderboard.length === 0 ? (
                <p className="muted">No replies or closes in this period.</p>
              ) : (
                <table data-testid="tickets-leaderboard">
                  <thead>
                    <tr>
                      <th scope="col">Staff</th>
                      <th scope="col">Replies</th>
                      <th scope="col">Closes</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.leaderboard.map((l) => (
                      <tr key={l.user_id}>
                        <th scope="row">{l.username ?? l.user_id}</th>
                        <td>{l.replies}</td>
                        <td>{l.closes}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
        </>
      )}
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: string | number; testId: string }) {
  return (
    <div className="tickets-stat card">
      <dt className="muted small">{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
