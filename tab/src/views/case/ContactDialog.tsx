import { useState } from 'react';
import { Field, Input, Radio, RadioGroup, Select, Switch } from '@fluentui/react-components';
import { DateTime } from 'luxon';
import { CONTACT_KINDS, DAYPARTS } from '../../../../casework/case/types.js';
import { ZONE } from '../../../../casework/covenant/calendar.js';
import { useTexts } from '../../context.js';
import { ActionDialog } from './ActionDialog.js';
import { filled, type ActionProps } from './action-props.js';

// A contact attempt: the card's contact form (casework/commands/inputs.ts contactAttemptInput).

const FIELDS = ['kind', 'reached', 'date', 'daypart'] as const;

const blank = () => ({
  kind: '',
  reached: false,
  date: DateTime.now().setZone(ZONE).toISODate() ?? '',
  daypart: '',
});

export function ContactDialog({ send, reload, subtitle }: ActionProps) {
  const t = useTexts();
  const c = t.contactForm;
  const [values, setValues] = useState(blank);
  return (
    <ActionDialog
      opener={t.case.contact}
      title={c.title}
      subtitle={subtitle}
      submit={c.submit}
      fields={FIELDS}
      send={() => send('contact', filled(values))}
      reload={reload}
      onSent={() => setValues(blank())}
    >
      {(errors) => (
        <>
          <Field label={c.kind} required validationMessage={errors.kind}>
            <Select value={values.kind} onChange={(_e, data) => setValues({ ...values, kind: data.value })}>
              <option value="">{t.tab.case.choose}</option>
              {CONTACT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {c.kinds[kind]}
                </option>
              ))}
            </Select>
          </Field>
          <Field validationMessage={errors.reached}>
            <Switch
              label={c.reached}
              checked={values.reached}
              onChange={(_e, data) => setValues({ ...values, reached: data.checked })}
            />
          </Field>
          <Field label={c.date} required validationMessage={errors.date}>
            <Input
              type="date"
              value={values.date}
              onChange={(_e, data) => setValues({ ...values, date: data.value })}
            />
          </Field>
          <Field label={c.daypart} required validationMessage={errors.daypart}>
            <RadioGroup
              value={values.daypart}
              onChange={(_e, data) => setValues({ ...values, daypart: data.value })}
            >
              {DAYPARTS.map((daypart) => (
                <Radio key={daypart} value={daypart} label={c.dayparts[daypart]} />
              ))}
            </RadioGroup>
          </Field>
        </>
      )}
    </ActionDialog>
  );
}
