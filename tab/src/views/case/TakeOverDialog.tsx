import { Text } from '@fluentui/react-components';
import type { CaseView } from '../../../../casework/reads/views.js';
import { useTexts } from '../../context.js';
import { ActionDialog } from './ActionDialog.js';
import type { ActionProps } from './action-props.js';

// The reader's organisation takes the current step over (the reminder card's "Overnemen"); the
// tab asks first, since one click hands a step to another organisation.

export function TakeOverDialog({ send, reload, subtitle, view }: ActionProps & { view: CaseView }) {
  const t = useTexts();
  return (
    <ActionDialog
      opener={t.reminders.takeOver}
      title={t.reminders.takeOver}
      subtitle={subtitle}
      submit={t.reminders.takeOver}
      fields={[]}
      send={() => send('take-over', {})}
      reload={reload}
    >
      {() => <Text>{t.tab.case.takeOverText(view.stepName ?? '', view.responsible?.name ?? '')}</Text>}
    </ActionDialog>
  );
}
