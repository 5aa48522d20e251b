import type { CaseHistory, FigureCount, FigureCountQuery } from '../../casework/ports.js';
import { FigureCounter, figureFactsOf, type FigureFact } from '../../casework/reads/figure-facts.js';

// The figure counters of the embedded store (Cases.figureCounts), in memory: built from every
// history the first time figures are asked for, then kept as cases are written. A case's facts
// are kept to take them away when the case changes. Fed through add(), so any source of
// histories (the live file, an archive of closed cases) can count in.

export class LowdbFigureCounts {
  private readonly counter = new FigureCounter();
  private readonly factsOf = new Map<string, { covenantId: string; facts: FigureFact[] }>();
  private built = false;

  /** histories: every stored case, read when the counters are first needed. */
  constructor(private readonly histories: () => Iterable<CaseHistory>) {}

  /** A case as stored now (new or changed): its old facts out, its new ones in. */
  add(history: CaseHistory): void {
    if (!this.built) return; // counted from the stored histories when first needed
    const { caseId, covenantId } = history.summary;
    const facts = figureFactsOf(history);
    const previous = this.factsOf.get(caseId);
    if (previous) this.counter.apply(previous.covenantId, previous.facts, -1);
    this.counter.apply(covenantId, facts, 1);
    this.factsOf.set(caseId, { covenantId, facts });
  }

  counts(query: FigureCountQuery): FigureCount[] {
    if (!this.built) {
      this.built = true;
      for (const history of this.histories()) this.add(history);
    }
    return this.counter.counts(query);
  }
}
