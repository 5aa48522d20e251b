import type { StepView } from '../../casework/reads/views.js';

// The shapes of the API answers the shell and Mijn taken read (bot/tab-api/routes.ts).

export interface Me {
  userId: string;
  name: string;
  memberships: {
    covenantId: string;
    covenantName: string;
    partnerId: string;
    partnerName: string;
    status: string;
    coordinator: boolean;
  }[];
}

/** GET /api/tab/demo-members (local mode only; 404 otherwise). */
export interface DemoMember {
  userId: string;
  name: string;
  memberships: { covenantName: string; partnerName: string }[];
}

/** GET /api/tab/covenants: the filter choices of Mijn taken. */
export interface CovenantChoice {
  id: string;
  name: string;
  partners: { id: string; name: string }[];
  coordinator: boolean;
}

/** GET /api/tab/tasks */
export interface TasksPage {
  total: number;
  page: number;
  pageSize: number;
  items: StepView[];
}
