// The API answers this view reads (bot/tab-api/routes.ts); the figures are the domain's own type.
export type {
  CovenantFigures,
  FigureCounts,
  MonthFigures,
  Share,
} from '../../../../casework/reads/figures.js';
export type { Me } from '../../answers.js';
