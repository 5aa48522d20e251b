import type { CaseHistory, FigureCount, FigureCountQuery } from '../../casework/ports.js';
import { FigureCounter, figureFactsOf, type FigureFact } from '../../casework/reads/figure-facts.js';

// The figure counters of the embedded store (Cases.figureCounts), in memory: built from every
// history the first time figures are asked for, then kept as cases are written. A case's facts
// are kept to take them away when the case changes. Fed through add(), so any source of
// histories (the live file, an archive of closed cases) can count in.

/**
 * Histories counted before the build lets other work run: at 100,000 cases the whole build
 * takes seconds of CPU, which must not hold every other user's turn meanwhile.
 */
export const FIGURE_BUILD_SLICE = 500;

export class LowdbFigureCounts {
  private counter = new FigureCounter();
  private readonly factsOf = new Map<string, { covenantId: string; facts: FigureFact[] }>();
  /** From the build's start on, every write counts (a case the build reaches later is counted again, as it is then). */
  private counting = false;
  private building: Promise<void> | undefined;

  /**
   * caseIds: every stored case's id when the build starts; historyOf: that case as stored at
   * the moment it is counted (undefined: gone). checkUsable throws when the store may no
   * longer be read (closed, or refusing use after a failed write).
   */
  constructor(
    private readonly caseIds: () => string[],
    private readonly historyOf: (caseId: string) => CaseHistory | undefined,
    private readonly checkUsable: () => void,
    private readonly slice = FIGURE_BUILD_SLICE,
  ) {}

  /** A case as stored now (new or changed): its old facts out, its new ones in. */
  add(history: CaseHistory): void {
    if (!this.counting) return; // counted from the stored histories when first needed
    const { caseId, covenantId } = history.summary;
    const facts = figureFactsOf(history);
    const previous = this.factsOf.get(caseId);
    if (previous) this.counter.apply(previous.covenantId, previous.facts, -1);
    this.counter.apply(covenantId, facts, 1);
    this.factsOf.set(caseId, { covenantId, facts });
  }

  /** Resolves once every stored history is counted; the first call builds, in slices. */
  ready(): Promise<void> {
    this.building ??= this.build().catch((error: unknown) => {
      // Half-counted is no count: the next request starts over.
      this.counting = false;
      this.building = undefined;
      this.counter = new FigureCounter();
      this.factsOf.clear();
      throw error;
    });
    return this.building;
  }

  /** Only after ready() has resolved. */
  counts(query: FigureCountQuery): FigureCount[] {
    return this.counter.counts(query);
  }

  private async build(): Promise<void> {
    this.checkUsable();
    this.counting = true;
    const ids = this.caseIds();
    for (let start = 0; start < ids.length; start += this.slice) {
      if (start > 0) {
        await new Promise((resolve) => setImmediate(resolve));
        this.checkUsable();
      }
      for (const caseId of ids.slice(start, start + this.slice)) {
        // As stored now: a case written since the ids were taken is counted as it is now.
        const history = this.historyOf(caseId);
        if (history) this.add(history);
      }
    }
  }
}
