// The API answers this view reads (bot/tab-api/routes.ts); the figures are the domain's own type.
export type {
  CovenantFigures,
  FigureCounts,
  MonthFigures,
  Share,
} from '../../../../casework/reads/figures.js';

/** GET /api/tab/me, the part this view needs: which covenants the reader coordinates. */
export interface Me {
  memberships: { covenantId: string; covenantName: string; coordinator: boolean }[];
}
