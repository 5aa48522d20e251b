import { Title2 } from '@fluentui/react-components';
import { useShell, useTexts } from '../context.js';

// PLACEHOLDER from the shell part: the case part builds the real Casus view in this file; the
// merger takes theirs. It shows the case id so the shell's navigation can be tested.

export function CaseView() {
  const { navigation } = useShell();
  const t = useTexts();
  const caseId = navigation.place.view === 'case' ? navigation.place.caseId : '';
  return <Title2 as="h2">{t.case.title(caseId)}</Title2>;
}
