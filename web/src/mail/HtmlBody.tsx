/**
 * A message's HTML, shown only inside a sandboxed frame: `sandbox=""` gives the document a unique
 * origin with no scripts, forms, popups or top navigation, and srcdoc keeps it off the network
 * except for what the page's CSP allows (same origin only, so remote images and trackers stay blocked).
 * It never goes into the page's own DOM.
 */
export function HtmlBody({ html, title }: { html: string; title: string }) {
  return <iframe className="mail-html" sandbox="" srcDoc={html} title={title} referrerPolicy="no-referrer" data-testid="mail-html-body" />;
}
