import { useState } from 'react';
import { Field, Textarea } from '@fluentui/react-components';
import { useTexts } from '../../context.js';
import { ActionDialog } from './ActionDialog.js';
import { filled, type ActionProps } from './action-props.js';

// A confidential note (noteInput): for the writer's organisation and the coordinator only.

const FIELDS = ['text'] as const;

export function NoteDialog({ send, reload, subtitle }: ActionProps) {
  const t = useTexts();
  const n = t.notes;
  const [text, setText] = useState('');
  return (
    <ActionDialog
      opener={n.add}
      title={n.title}
      subtitle={`${subtitle} · ${n.explain}`}
      submit={n.save}
      fields={FIELDS}
      send={() => send('note', filled({ text }))}
      reload={reload}
      onSent={() => setText('')}
    >
      {(errors) => (
        <Field label={n.text} required validationMessage={errors.text}>
          <Textarea maxLength={2000} value={text} onChange={(_e, data) => setText(data.value)} />
        </Field>
      )}
    </ActionDialog>
  );
}
