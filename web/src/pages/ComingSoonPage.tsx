/** A place in the navigation whose module is not built yet. */
export function ComingSoonPage({ title, blurb }: { title: string; blurb: string }) {
  return (
    <section className="page" data-testid={`page-${title.toLowerCase()}`}>
      <h1>{title}</h1>
      <div className="empty-state">
        <p className="empty-title">Coming soon</p>
        <p className="muted">{blurb}</p>
      </div>
    </section>
  );
}
