import { useState } from 'react';
import { Field, Input, Textarea } from '@fluentui/react-components';
import type { CaseView } from '../../../../casework/reads/views.js';
import { deadlineWords } from '../../../../cards/format.js';
import { useShell, useTexts } from '../../context.js';
import { ActionDialog } from './ActionDialog.js';
import { filled, type ActionProps } from './action-props.js';

// A later deadline with a reason (postponeInput), as the reminder card's postpone form.

const FIELDS = ['until', 'reason'] as const;
const BLANK = { until: '', reason: '' };

export function PostponeDialog({ send, reload, subtitle, view }: ActionProps & { view: CaseView }) {
  const { locale } = useShell();
  const t = useTexts();
  const r = t.reminders;
  const [values, setValues] = useState(BLANK);
  return (
    <ActionDialog
      opener={r.postpone}
      title={r.postponeTitle}
      subtitle={`${subtitle} · ${r.currentDeadline}: ${deadlineWords(view, locale) ?? ''}`}
      submit={r.submitPostpone}
      fields={FIELDS}
      send={() => send('postpone', filled(values))}
      reload={reload}
      onSent={() => setValues(BLANK)}
    >
      {(errors) => (
        <>
          <Field label={r.until} required validationMessage={errors.until}>
            <Input
              type="date"
              value={values.until}
              onChange={(_e, data) => setValues({ ...values, until: data.value })}
            />
          </Field>
          <Field label={r.reason} required validationMessage={errors.reason}>
            <Textarea
              maxLength={500}
              value={values.reason}
              onChange={(_e, data) => setValues({ ...values, reason: data.value })}
            />
          </Field>
        </>
      )}
    </ActionDialog>
  );
}
