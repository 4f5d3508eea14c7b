import type { Statistics } from './types.ts';

const barWidth = 8;
const gap = 4;
const height = 120;

/** Tickets created and closed per UTC day, as paired bars in plain SVG, with the figures in a table for screen readers. */
export function DailyChart({ daily }: { daily: Statistics['daily'] }) {
  const peak = Math.max(1, ...daily.map((d) => Math.max(d.created, d.closed)));
  const step = barWidth * 2 + gap;
  const width = Math.max(step * daily.length, step);
  const bar = (value: number) => (value / peak) * (height - 4);
  return (
    <figure className="tickets-chart" data-testid="tickets-daily-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} preserveAspectRatio="none" role="img" aria-label="Tickets created and closed per day">
        {daily.map((d, i) => (
          <g key={d.date}>
            <title>{`${d.date}: ${d.created} created, ${d.closed} closed`}</title>
            <rect className="tickets-bar-created" x={i * step} y={height - bar(d.created)} width={barWidth} height={bar(d.created)} />
            <rect className="tickets-bar-closed" x={i * step + barWidth} y={height - bar(d.closed)} width={barWidth} height={bar(d.closed)} />
          </g>
        ))}
      </svg>
      <figcaption className="row small muted">
        <span>
          <span className="tickets-key tickets-key-created" aria-hidden="true" /> Created
        </span>
        <span>
          <span className="tickets-key tickets-key-closed" aria-hidden="true" /> Closed
        </span>
        <span>
          {daily[0]?.date} – {daily[daily.length - 1]?.date} (UTC), peak {peak}
        </span>
      </figcaption>
      <table className="visually-hidden">
        <caption>Tickets per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Created</th>
            <th scope="col">Closed</th>
          </tr>
        </thead>
        <tbody>
          {daily.map((d) => (
            <tr key={d.date}>
              <th scope="row">{d.date}</th>
              <td>{d.created}</td>
              <td>{d.closed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
