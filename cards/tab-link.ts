import type { OpenUrlAction } from './card-types.js';
import { openUrl } from './elements.js';
import { texts, type Locale } from './texts.js';

/**
 * The address of a case in the personal tab. bot/ builds it from its configuration (a Teams deep
 * link, or the local tab address); the card builders only call it, so they know nothing of config.
 */
export type TabLink = (caseId: string) => string;

/** "Openen in AanZet": the case in the tab. None when there is no tab to open (tests, the CLI). */
export function openInAanZet(locale: Locale, tabLink: TabLink | undefined, caseId: string): OpenUrlAction[] {
  return tabLink ? [openUrl(texts(locale).common.openInAanZet, tabLink(caseId))] : [];
}
