import type { TriageActionView } from './types.ts';

/** One action as people read it: "move → Receipts", "flag \Flagged", "forward → a@b.org". */
export function describeAction(action: TriageActionView): string {
  const detail = action.folder ?? action.forward_to ?? [...(action.flags ?? []), ...(action.labels ?? [])].join(' ');
  if (!detail) return action.type;
  return action.folder || action.forward_to ? `${action.type} → ${detail}` : `${action.type} ${detail}`;
}

export function describeActions(actions: TriageActionView[]): string {
  return actions.length === 0 ? 'none' : actions.map(describeAction).join(', ');
}

/** A 0–1 confidence as a percentage; a dash when a rule decided (no confidence). */
export function formatConfidence(confidence: number | null | undefined): string {
  return confidence === null || confidence === undefined ? '—' : `${Math.round(confidence * 100)}%`;
}

/** Who decided: the LLM's provider/model, or a rule. */
export function describeDecider(item: { llm_provider: string | null; llm_model: string | null }): string {
  if (!item.llm_provider) return 'rule';
  return item.llm_model ? `${item.llm_provider} / ${item.llm_model}` : item.llm_provider;
}
